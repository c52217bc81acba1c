from django.contrib import admin

from truyenthong.plans.models import Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "issued_on", "is_current")
    list_filter = ("is_current",)
    search_fields = ("number", "title")
