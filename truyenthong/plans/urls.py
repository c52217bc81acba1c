from django.urls import path

from truyenthong.plans import overview, views

app_name = "plans"
urlpatterns = [
    path("truong/<slug:code>/", overview.school_detail, name="school-detail"),
    path("truong/<slug:code>/ke-hoach/", views.plan_list, name="plan-list"),
    path("truong/<slug:code>/ke-hoach/tai-len/", views.plan_upload, name="plan-upload"),
    path("ke-hoach/tai-len/<int:upload_id>/", views.upload_preview, name="upload-preview"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:plan_id>/xuat-word/", views.plan_export_docx, name="plan-export"),
    path("ke-hoach/<int:plan_id>/sua/", views.plan_edit, name="plan-edit"),
    path("ke-hoach/<int:plan_id>/lich-su/", views.plan_history, name="plan-history"),
    path(
        "ke-hoach/<int:plan_id>/chi-tieu/<int:target_id>/them-thuoc-do/",
        views.measure_add,
        name="measure-add",
    ),
    path("ke-hoach/<int:plan_id>/nhom-nhiem-vu/<int:group_id>/them/", views.task_add, name="task-add"),
    path("ke-hoach/<int:plan_id>/<slug:part_slug>/<int:pk>/sua/", views.part_edit, name="part-edit"),
    path("ke-hoach/<int:plan_id>/<slug:part_slug>/<int:pk>/xoa/", views.part_delete, name="part-delete"),
]
