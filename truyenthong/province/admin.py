from django.contrib import admin

from truyenthong.province.models import IndicatorLink


@admin.register(IndicatorLink)
class IndicatorLinkAdmin(admin.ModelAdmin):
    list_display = ["school_indicator", "department_indicator", "score", "confirmed_at"]
    raw_id_fields = ["school_indicator", "department_indicator", "confirmed_by"]
