"""Hoạt động và điểm danh."""

from django.urls import path

from truyenthong.activities import views

app_name = "activities"
urlpatterns = [
    path("truong/<slug:code>/hoat-dong/", views.activity_list, name="activity-list"),
    path("truong/<slug:code>/hoat-dong/them/", views.activity_create, name="activity-create"),
    path("truong/<slug:code>/hoat-dong/lich/", views.calendar_month, name="calendar"),
    path("hoat-dong/<int:activity_id>/", views.activity_detail, name="activity-detail"),
    path("hoat-dong/<int:activity_id>/sua/", views.activity_edit, name="activity-edit"),
    path("hoat-dong/<int:activity_id>/xoa/", views.activity_delete, name="activity-delete"),
    path(
        "hoat-dong/<int:activity_id>/trang-thai/<slug:step>/",
        views.activity_transition,
        name="activity-transition",
    ),
    path("hoat-dong/<int:activity_id>/minh-chung/them/", views.evidence_add, name="evidence-add"),
    path("minh-chung/<int:evidence_id>/", views.evidence_file, name="evidence-file"),
    path("minh-chung/<int:evidence_id>/xoa/", views.evidence_delete, name="evidence-delete"),
    path("hoat-dong/<int:activity_id>/diem-danh/", views.attendance_tick, name="attendance-tick"),
    path("hoat-dong/<int:activity_id>/diem-danh/qr/", views.attendance_qr, name="attendance-qr"),
    path("hoat-dong/<int:activity_id>/diem-danh/<int:person_id>/hoc-bu/", views.catch_up, name="catch-up"),
    path("diem-danh/<str:token>/", views.check_in, name="check-in"),
    path("lich/ma-dang-ky/", views.calendar_token, name="calendar-token"),
    path("lich/<str:token>/hoat-dong.ics", views.calendar_feed, name="calendar-feed"),
]
