"""Khảo sát: the school's surveys, results and exports; the public response form."""

from django.urls import path

from truyenthong.surveys import views

app_name = "surveys"
urlpatterns = [
    path("truong/<slug:code>/khao-sat/", views.survey_list, name="survey-list"),
    path("truong/<slug:code>/khao-sat/them/", views.survey_create, name="survey-create"),
    path("khao-sat/<int:pk>/", views.survey_detail, name="survey-detail"),
    path("khao-sat/<int:pk>/trang-thai/<slug:status>/", views.survey_status, name="survey-status"),
    path("khao-sat/<int:pk>/cau-tra-loi.xlsx", views.survey_export, name="survey-export"),
    path("tra-loi-khao-sat/<int:pk>/", views.respond, name="respond"),
]
