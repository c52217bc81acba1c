from django.contrib import admin

from truyenthong.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "organisation", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_by", "created_at", "last_used_at"]
    search_fields = ["name", "prefix", "user__username"]
