"""Trợ lý hỏi đáp: public pages (hoi-dap/) and staff pages (truong/<mã>/tro-ly/)."""

from django.urls import path

from truyenthong.assistant import views

app_name = "assistant"
urlpatterns = [
    path("hoi-dap/<slug:code>/", views.public_ask, name="public-ask"),
    path("hoi-dap/<slug:code>/nhung/", views.widget_frame, name="widget-frame"),
    path("hoi-dap/<slug:code>/tai-lieu/<int:document_id>/", views.public_document, name="public-document"),
    path("truong/<slug:code>/tro-ly/", views.staff_ask, name="staff-ask"),
    path("truong/<slug:code>/tro-ly/tai-lieu/", views.document_list, name="document-list"),
    path(
        "truong/<slug:code>/tro-ly/tai-lieu/<int:document_id>/", views.document_detail, name="document-detail"
    ),
    path(
        "truong/<slug:code>/tro-ly/tai-lieu/<int:document_id>/tom-tat/",
        views.summary_save,
        name="summary-save",
    ),
    path(
        "truong/<slug:code>/tro-ly/tai-lieu/<int:document_id>/dang-bai/",
        views.summary_publish,
        name="summary-publish",
    ),
    path(
        "truong/<slug:code>/tro-ly/tai-lieu/<int:document_id>/xoa/",
        views.document_delete,
        name="document-delete",
    ),
    path("truong/<slug:code>/tro-ly/cau-hoi/", views.question_list, name="question-list"),
]
