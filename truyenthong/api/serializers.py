"""What the API returns: plain, stable shapes with codes for machines and Vietnamese labels for people.

No serializer carries a person's name or contact: the API serves plans, targets, figures and activity counts, which
a Sở and other systems may read, never staff registers (personal data stays in its school's pages).
"""

from __future__ import annotations

from rest_framework import serializers

from truyenthong.activities.models import Activity
from truyenthong.content.models import ContentItem
from truyenthong.indicators.models import Indicator, IndicatorValue, Status
from truyenthong.org.models import Organisation
from truyenthong.plans.models import Measure, Phase, Plan, Target


def columns(serializer_class) -> list[str]:
    """The columns a read serializer reads, for `QuerySet.only()`: its fields' sources, a choice label's field
    (`get_kind_display` reads `kind`), a slug's related column (`school__code`). Lists nested under many=True are
    left to prefetch_related and a method field to the columns beside it. A list reads a row's few columns instead
    of every text and JSON column of the row and of each related organisation (tests/api hold the query count)."""
    names = []
    for field in serializer_class().fields.values():
        if isinstance(
            field,
            serializers.ManyRelatedField | serializers.ListSerializer | serializers.SerializerMethodField,
        ):
            continue
        source = field.source
        if source.startswith("get_") and source.endswith("_display"):
            source = source.removeprefix("get_").removesuffix("_display")
        if isinstance(field, serializers.SlugRelatedField):
            source = f"{source}__{field.slug_field}"
        names.append(source)
    return list(dict.fromkeys(names))


class SchoolSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Mã đơn vị cấp trên (Sở)"
    )

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "parent"]


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "order", "label", "start_year", "end_year"]


class PlanSerializer(serializers.ModelSerializer):
    school = serializers.SlugRelatedField(source="organisation", slug_field="code", read_only=True)
    phases = PhaseSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "school",
            "number",
            "doc_type",
            "title",
            "issued_on",
            "issuing_body",
            "signer_authority",
            "signer_position",
            "is_current",
            "phases",
            "updated_at",
        ]


class MeasureSerializer(serializers.ModelSerializer):
    comparator_label = serializers.CharField(source="get_comparator_display", read_only=True)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True)

    class Meta:
        model = Measure
        fields = ["id", "order", "comparator", "comparator_label", "value", "unit", "subject", "text"]


class TargetSerializer(serializers.ModelSerializer):
    phase = serializers.PrimaryKeyRelatedField(read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        fields = ["id", "plan", "phase", "order", "text", "measures"]


class IndicatorSerializer(serializers.ModelSerializer):
    school = serializers.SlugRelatedField(slug_field="code", read_only=True)
    method_label = serializers.CharField(source="get_method_display", read_only=True)
    target_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "school",
            "plan",
            "measure",
            "name",
            "method",
            "method_label",
            "period_kind",
            "comparator",
            "target_value",
            "is_percent",
            "per_unit",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    school = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status_label = serializers.SerializerMethodField()
    numerator = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    denominator = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    value = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "school",
            "period_key",
            "unit",
            "numerator",
            "denominator",
            "value",
            "status",
            "status_label",
            "computed_at",
        ]

    def get_status_label(self, obj) -> str:
        return Status(obj.status).label


class ActivitySerializer(serializers.ModelSerializer):
    school = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "school",
            "unit",
            "task",
            "kind",
            "kind_label",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "audience",
            "status",
            "status_label",
            "planned_participants",
            "actual_participants",
        ]


class ContentItemSerializer(serializers.ModelSerializer):
    school = serializers.SlugRelatedField(slug_field="code", read_only=True)
    section = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    tasks = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ContentItem
        fields = [
            "id",
            "school",
            "section",
            "kind",
            "kind_label",
            "title",
            "slug",
            "summary",
            "status",
            "status_label",
            "published_at",
            "tasks",
            "view_count",
        ]


class FigureRowSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text="Mã số (id) của chỉ số")
    period = serializers.CharField(
        help_text="Kỳ báo cáo: '2026-2027', '2026-2027-HK1', '2027' hoặc '2026-2030'"
    )
    unit = serializers.CharField(
        required=False, allow_blank=True, help_text="Mã đơn vị (tổ) khi chỉ số theo đơn vị"
    )
    numerator = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    denominator = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    value = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    evidence_link = serializers.URLField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class FigureImportSerializer(serializers.Serializer):
    rows = FigureRowSerializer(many=True)


class FigureErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    field = serializers.CharField()
    message = serializers.CharField()


class FigureImportResultSerializer(serializers.Serializer):
    saved = serializers.IntegerField()
    errors = FigureErrorSerializer(many=True)
