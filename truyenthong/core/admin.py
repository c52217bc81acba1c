from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.decorators import method_decorator

from truyenthong.core.models import AuditEntry, RoleAssignment, User
from truyenthong.core.views import reauth_required


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

    # Accounts, their roles and passwords change only after the administrator re-authenticates (password or code).
    @method_decorator(reauth_required)
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)

    @method_decorator(reauth_required)
    def user_change_password(self, request, *args, **kwargs):
        return super().user_change_password(request, *args, **kwargs)

    @method_decorator(reauth_required)
    def delete_view(self, request, *args, **kwargs):
        return super().delete_view(request, *args, **kwargs)


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
