from django.contrib import admin

from truyenthong.sharing.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "school_class", "code", "created_at"]
    search_fields = ["title", "code"]
