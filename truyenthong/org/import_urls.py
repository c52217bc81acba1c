"""URLs of the staff and class imports; appended to org/urls.py (namespace "org")."""

from django.urls import path

from truyenthong.org import import_views as views

urlpatterns = [
    path("truong/<slug:code>/can-bo/nhap/", views.people_import, name="people-import"),
    path(
        "truong/<slug:code>/can-bo/nhap/mau.xlsx", views.people_import_template, name="people-import-template"
    ),
    path(
        "truong/<slug:code>/can-bo/nhap/<str:token>/",
        views.people_import_preview,
        name="people-import-preview",
    ),
    path("truong/<slug:code>/lop/nhap/", views.classes_import, name="classes-import"),
    path(
        "truong/<slug:code>/lop/nhap/mau.xlsx", views.classes_import_template, name="classes-import-template"
    ),
    path(
        "truong/<slug:code>/lop/nhap/<str:token>/",
        views.classes_import_preview,
        name="classes-import-preview",
    ),
]
