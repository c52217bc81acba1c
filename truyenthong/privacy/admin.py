"""Read-only admin views of consents and the access log (changes go through the services and pages)."""

from django.contrib import admin

from truyenthong.privacy.models import AccessLog, Consent, Erasure


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnly):
    list_display = ["__str__", "school", "given_by", "given_on", "withdrawn_on"]
    list_filter = ["purpose", "given_by"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnly):
    list_display = ["at", "username", "kind", "object_repr", "school"]
    list_filter = ["kind"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnly):
    list_display = ["at", "actor", "mode", "reason", "category", "object_type", "object_id"]
