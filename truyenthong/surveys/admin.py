from django.contrib import admin

from truyenthong.surveys.models import Survey, SurveyQuestion


class QuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "school_year", "status", "school"]
    inlines = [QuestionInline]
