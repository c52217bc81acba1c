from django.urls import path

from truyenthong.core import views

app_name = "core"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("tai-khoan/xac-thuc-hai-lop/", views.two_factor, name="two-factor"),
]
