"""URL map: one include per app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from truyenthong.core.admin_site import restrict_admin_to_system_admins

restrict_admin_to_system_admins(admin.site)

urlpatterns = [
    path("", include("truyenthong.core.urls")),
    path("", include("truyenthong.org.urls")),
    path("", include("truyenthong.plans.urls")),
    path("", include("truyenthong.activities.urls")),
    path("", include("truyenthong.records.urls")),
    path("", include("truyenthong.indicators.urls")),
    path("", include("truyenthong.content.urls")),
    path("", include("truyenthong.portal.urls")),
    path("", include("truyenthong.evaluation.urls")),
    path("", include("truyenthong.reports.urls")),
    path("", include("truyenthong.province.urls")),
    path("", include("truyenthong.api.urls")),
    path("quan-tri/", admin.site.urls),
]

# Public media (cover images, thumbnails, attachments of published items) from the app server, so one school on a
# laptop needs nothing else; a production web server may serve /media/ itself. Evidence and other personal files
# live under private/ and are only ever served by permission-checked views.
urlpatterns += [re_path(r"^media/(?P<path>(?!private/).+)$", serve, {"document_root": settings.MEDIA_ROOT})]
