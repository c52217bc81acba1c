"""Báo cáo."""

from django.urls import path

from truyenthong.reports import views

app_name = "reports"
urlpatterns = [
    path("truong/<slug:code>/bao-cao/", views.report_list, name="report-list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/tao-tep/", views.report_generate, name="report-generate"),
    path("bao-cao/<int:pk>/tai-ve/<slug:fmt>/", views.report_download, name="report-download"),
    path(
        "bao-cao/<int:pk>/dang-infographic/",
        views.report_publish_infographic,
        name="report-publish-infographic",
    ),
    path("so/<slug:code>/tong-hop/bao-cao/", views.province_report, name="province-report"),
    path("bao-cao/tien-trinh/<int:job_id>/", views.job_progress, name="job-progress"),
]
