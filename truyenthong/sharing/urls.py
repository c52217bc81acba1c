"""Chia sẻ tới nhóm lớp: the kit per target, posters, and the short links /l/<code>."""

from django.urls import path

from truyenthong.sharing import views

app_name = "sharing"
urlpatterns = [
    path("chia-se/<slug:kind>/<int:pk>/", views.kit, name="kit"),
    path("chia-se/<slug:kind>/<int:pk>/tao/", views.kit_create, name="kit-create"),
    path("chia-se/ap-phich/<str:code>.<slug:fmt>", views.poster, name="poster"),
    path("l/<str:code>", views.visit, name="visit"),
]
