from django.contrib import admin

from truyenthong.org.models import Membership, Organisation, Person, SchoolClass


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "unit_kind", "parent")
    list_filter = ("kind", "unit_kind")
    search_fields = ("name", "code")
    readonly_fields = ("path", "school")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "code", "school", "position", "category")
    list_filter = ("category", "school")
    search_fields = ("full_name", "code", "email")
    inlines = [MembershipInline]


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ("name", "school_year", "grade", "student_count", "school")
    list_filter = ("school_year", "grade")
