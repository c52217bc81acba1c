"""Cuộc thi tìm hiểu: organiser pages under the school, participant pages under /thi/, public certificate check."""

from django.urls import path

from truyenthong.contests import views

app_name = "contests"
urlpatterns = [
    path("truong/<slug:code>/cuoc-thi/", views.contest_list, name="contest-list"),
    path("truong/<slug:code>/cuoc-thi/ngan-hang-cau-hoi/", views.question_bank, name="question-bank"),
    path("truong/<slug:code>/cuoc-thi/ngan-hang-cau-hoi.xlsx", views.question_export, name="question-export"),
    path("truong/<slug:code>/cuoc-thi/them/", views.contest_create, name="contest-create"),
    path("cuoc-thi/<int:pk>/", views.contest_detail, name="contest-detail"),
    path("cuoc-thi/<int:pk>/trang-thai/<slug:status>/", views.contest_status, name="contest-status"),
    path("cuoc-thi/<int:pk>/vong-thi/them/", views.round_create, name="round-create"),
    path("cuoc-thi/vong-thi/<int:pk>/", views.round_detail, name="round-detail"),
    path("cuoc-thi/vong-thi/<int:pk>/ket-qua.xlsx", views.round_export, name="round-export"),
    path(
        "cuoc-thi/vong-thi/<int:pk>/cap-giay-chung-nhan/", views.certificates_issue, name="certificates-issue"
    ),
    path("cuoc-thi/vong-thi/<int:pk>/giay-chung-nhan.zip", views.certificates_zip, name="certificates-zip"),
    path("cuoc-thi/giay-chung-nhan/<str:code>.pdf", views.certificate_download, name="certificate-pdf"),
    path("chung-nhan/<str:code>/", views.certificate_verify, name="certificate-verify"),
    path("thi/<int:pk>/", views.take_home, name="take-home"),
    path("thi/<int:pk>/tiep-tuc/", views.take_resume, name="take-resume"),
    path("thi/vong/<int:pk>/bat-dau/", views.attempt_start, name="attempt-start"),
    path("thi/bai/<str:key>/", views.attempt_page, name="attempt"),
    path("thi/bai/<str:key>/tra-loi/", views.attempt_answer, name="attempt-answer"),
    path("thi/bai/<str:key>/nop-bai/", views.attempt_submit, name="attempt-submit"),
    path("thi/bai/<str:key>/ket-qua/", views.attempt_result, name="attempt-result"),
]
