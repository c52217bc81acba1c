from django.urls import path

from truyenthong.core import views

app_name = "core"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("tai-khoan/xac-thuc-hai-lop/", views.two_factor, name="two-factor"),
    path("tai-khoan/xac-nhan/", views.reauth, name="reauth"),
    path("tai-khoan/doi-mat-khau/", views.password_change, name="password-change"),
    path("quen-mat-khau/", views.password_reset, name="password-reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_sent, name="password-reset-sent"),
    path("quen-mat-khau/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("quen-mat-khau/xong/", views.password_reset_done, name="password-reset-done"),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
]
