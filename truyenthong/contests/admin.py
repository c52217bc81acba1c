from django.contrib import admin

from truyenthong.contests.models import Attempt, Certificate, Contest, Participant, Question, Round


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "difficulty", "school"]
    list_filter = ["kind", "difficulty"]
    search_fields = ["text"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "status", "school"]
    list_filter = ["audience", "status"]
    inlines = [RoundInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "contest", "affiliation", "created_at"]
    search_fields = ["full_name"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["participant", "round", "number", "status", "score", "duration_ms"]
    list_filter = ["status"]
    readonly_fields = ["seed", "question_ids", "option_orders", "key"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "award", "rank", "attempt"]
