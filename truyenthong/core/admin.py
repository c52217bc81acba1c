from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from truyenthong.core.models import AuditEntry, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "unit"]


@admin.register(User)
class TruyenthongUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Hồ sơ", {"fields": ("full_name",)}),)
    list_display = ("username", "full_name", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    inlines = [RoleAssignmentInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
