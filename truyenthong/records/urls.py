"""Hồ sơ minh chứng chỉ tiêu."""

from django.urls import path

from truyenthong.records import views

app_name = "records"
urlpatterns = [
    path("truong/<slug:code>/ho-so/", views.record_home, name="record-home"),
    path("truong/<slug:code>/ho-so/tu-danh-gia-cntt/cua-toi/", views.my_it_assessment, name="it-mine"),
    path(
        "truong/<slug:code>/ho-so/tu-danh-gia-cntt/<int:pk>/xac-nhan/",
        views.it_assessment_confirm,
        name="it-confirm",
    ),
    path("truong/<slug:code>/ho-so/<slug:kind>/", views.record_list, name="record-list"),
    path("truong/<slug:code>/ho-so/<slug:kind>/them/", views.record_create, name="record-create"),
    path("truong/<slug:code>/ho-so/<slug:kind>/<int:pk>/sua/", views.record_edit, name="record-edit"),
    path("truong/<slug:code>/ho-so/<slug:kind>/<int:pk>/xoa/", views.record_delete, name="record-delete"),
    path(
        "truong/<slug:code>/ho-so/<slug:kind>/<int:pk>/lich-su/", views.record_history, name="record-history"
    ),
    path(
        "truong/<slug:code>/ho-so/ke-hoach-to/<int:pk>/<slug:action>/",
        views.department_plan_action,
        name="dept-plan-action",
    ),
]
