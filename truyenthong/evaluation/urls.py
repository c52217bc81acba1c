"""Đánh giá, thi đua, kiểm tra."""

from django.urls import path

from truyenthong.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("truong/<slug:code>/danh-gia/", views.home, name="home"),
    path("truong/<slug:code>/danh-gia/bo-tieu-chi/", views.criteria_set, name="criteria-set"),
    path(
        "truong/<slug:code>/danh-gia/bo-tieu-chi/tieu-chi/<int:pk>/xoa/",
        views.criterion_delete,
        name="criterion-delete",
    ),
    path("truong/<slug:code>/danh-gia/mo-ky/", views.cycle_open, name="cycle-open"),
    path("truong/<slug:code>/danh-gia/nam-hoc/<str:period_key>/", views.cycle_detail, name="cycle"),
    path("danh-gia/tu-danh-gia/<int:assessment_id>/", views.self_assessment, name="self-assessment"),
    path("danh-gia/cham-diem/<int:assessment_id>/", views.scoring, name="scoring"),
    path("truong/<slug:code>/thi-dua/<str:period_key>/", views.emulation, name="emulation"),
    path("truong/<slug:code>/kiem-tra/", views.inspection_list, name="inspection-list"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("kiem-tra/khac-phuc/<int:pk>/hoan-thanh/", views.follow_up_complete, name="follow-up-complete"),
]
