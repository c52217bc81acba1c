"""Admin pages for system administrators (the admin site is restricted to them)."""

from django.contrib import admin

from truyenthong.activities.models import Activity, Attendance, CalendarToken, Evidence


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["person", "recorded_by"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "url", "caption", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "unit", "kind", "starts_at", "status", "actual_participants"]
    list_filter = ["kind", "status", "audience"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["school", "unit", "task", "person_in_charge", "verified_by", "created_by"]
    inlines = [EvidenceInline, AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["activity", "person", "status", "method", "checked_in_at", "caught_up_on"]
    list_filter = ["status", "method"]
    raw_id_fields = ["activity", "person", "recorded_by"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    readonly_fields = ["token"]
