from django.contrib import admin

from truyenthong.assistant.models import Document, Passage, Question


class PassageInline(admin.TabularInline):
    model = Passage
    extra = 0
    fields = ("order", "section", "heading", "text")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "number", "issued_on", "school", "source", "is_public")
    list_filter = ("source", "is_public", "school")
    search_fields = ("title", "number", "filename")
    inlines = [PassageInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "school", "answered", "channel", "asked_at")
    list_filter = ("answered", "channel", "school")
    search_fields = ("text",)
