from django.urls import path

from truyenthong.org import views
from truyenthong.org.import_urls import urlpatterns as import_urlpatterns

app_name = "org"
urlpatterns = [
    path("truong/<slug:code>/nhat-ky/", views.audit_log, name="audit-log"),
    path("truong/<slug:code>/don-vi/", views.unit_list, name="unit-list"),
    path("truong/<slug:code>/can-bo/", views.person_list, name="person-list"),
    path("truong/<slug:code>/can-bo/<int:person_id>/", views.person_detail, name="person-detail"),
    path("truong/<slug:code>/can-bo/<int:person_id>/sua/", views.person_edit, name="person-edit"),
    path(
        "truong/<slug:code>/can-bo/<int:person_id>/dat-lai-mat-khau/",
        views.person_password_reset,
        name="person-password-reset",
    ),
    path("truong/<slug:code>/lop/", views.class_list, name="class-list"),
]
urlpatterns += import_urlpatterns
