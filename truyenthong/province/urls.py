from django.urls import path

from truyenthong.province import views

app_name = "province"

urlpatterns = [
    path("so/<slug:code>/tong-hop/", views.rollup, name="rollup"),
    path("so/<slug:code>/tong-hop/<int:pk>/", views.rollup_detail, name="rollup-detail"),
    path("so/<slug:code>/tien-do-bao-cao/", views.reporting, name="reporting"),
    path("truong/<slug:code>/lien-ket-so/", views.links, name="links"),
    path("truong/<slug:code>/lien-ket-so/goi-y/", views.links_suggest, name="links-suggest"),
    path("truong/<slug:code>/lien-ket-so/<int:pk>/", views.link_save, name="link-save"),
    path("truong/<slug:code>/ke-hoach-tu-so/", views.plan_from_department, name="plan-from-department"),
]
