"""Dữ liệu cá nhân: the register, consents, appearances, the access log, anonymisation, one's own data."""

from django.urls import path

from truyenthong.privacy import views

app_name = "privacy"
P = "truong/<slug:code>/du-lieu-ca-nhan/"
urlpatterns = [
    path(P, views.register, name="register"),
    path(P + "dong-y/", views.consent_list, name="consent-list"),
    path(P + "dong-y/them/", views.consent_add, name="consent-add"),
    path(P + "dong-y/<int:consent_id>/rut-lai/", views.consent_withdraw, name="consent-withdraw"),
    path(P + "hoc-sinh/them/", views.student_add, name="student-add"),
    path(P + "nguoi-xuat-hien/", views.appearance_list, name="appearance-list"),
    path(P + "nguoi-xuat-hien/them/", views.appearance_add, name="appearance-add"),
    path(P + "nguoi-xuat-hien/<int:appearance_id>/xoa/", views.appearance_remove, name="appearance-remove"),
    path(P + "nhat-ky-truy-cap/", views.access_log, name="access-log"),
    path("truong/<slug:code>/can-bo/<int:person_id>/an-danh/", views.person_erase, name="person-erase"),
    path("tai-khoan/du-lieu-cua-toi/", views.own_data, name="own-data"),
    path(
        "tai-khoan/du-lieu-cua-toi/tai-ve.json",
        views.own_data_download,
        {"fmt": "json"},
        name="own-data-json",
    ),
    path(
        "tai-khoan/du-lieu-cua-toi/tai-ve.xlsx",
        views.own_data_download,
        {"fmt": "xlsx"},
        name="own-data-xlsx",
    ),
]
