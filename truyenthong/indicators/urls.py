"""Chỉ số và bảng điều khiển."""

from django.urls import path

from truyenthong.indicators import views

app_name = "indicators"
urlpatterns = [
    path("truong/<slug:code>/bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("so/<slug:code>/bang-dieu-khien/", views.department_dashboard, name="department-dashboard"),
    path("truong/<slug:code>/chi-so/", views.indicator_list, name="indicator-list"),
    path("truong/<slug:code>/chi-so/<int:pk>/sua/", views.indicator_edit, name="indicator-edit"),
    path("truong/<slug:code>/chi-so/<int:pk>/lich-su/", views.indicator_history, name="indicator-history"),
    path("truong/<slug:code>/chi-so/<int:pk>/nhap/", views.manual_entry, name="manual-entry"),
    path("truong/<slug:code>/chi-so/<int:pk>/ky/<str:period_key>/", views.drilldown, name="drilldown"),
    path("so-lieu/<int:entry_id>/minh-chung/", views.entry_evidence, name="entry-evidence"),
    path("truong/<slug:code>/bao-cao-ky/", views.reporting, name="reporting"),
    path(
        "truong/<slug:code>/bao-cao-ky/<str:period_key>/<slug:action>/",
        views.reporting_action,
        name="reporting-action",
    ),
    path("truong/<slug:code>/tien-do/", views.task_progress, name="task-progress"),
]
