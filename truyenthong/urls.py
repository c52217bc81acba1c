"""URL map: one include per app."""

from django.contrib import admin
from django.urls import include, path, re_path

from truyenthong.core.admin_site import restrict_admin_to_system_admins
from truyenthong.core.media import media_view

restrict_admin_to_system_admins(admin.site)

handler403 = "truyenthong.core.errorpages.permission_denied"

urlpatterns = [
    path("", include("truyenthong.core.urls")),
    # early: a participant's requests (thousands at a round's start) find their view after few patterns
    path("", include("truyenthong.contests.urls")),
    path("", include("truyenthong.org.urls")),
    path("", include("truyenthong.plans.urls")),
    path("", include("truyenthong.activities.urls")),
    path("", include("truyenthong.records.urls")),
    path("", include("truyenthong.indicators.urls")),
    path("", include("truyenthong.content.urls")),
    path("", include("truyenthong.privacy.urls")),
    path("", include("truyenthong.portal.urls")),
    path("", include("truyenthong.evaluation.urls")),
    path("", include("truyenthong.reports.urls")),
    path("", include("truyenthong.sharing.urls")),
    path("", include("truyenthong.surveys.urls")),
    path("", include("truyenthong.assistant.urls")),
    path("", include("truyenthong.province.urls")),
    path("", include("truyenthong.api.urls")),
    path("quan-tri/", admin.site.urls),
]

# Uploaded files: /media/ serves only what an app's rule allows for this visitor (files of published public content;
# drafts to those who may read them), decided on the normalised name; private files only through the apps' own
# permission-checked views. See core/media.py.
urlpatterns += [re_path(r"^media/(?P<path>.*)$", media_view, name="media")]
