"""The REST API, version 1: reads of plans, targets, indicators and their values, activities and content items,
and an import of figures from other systems. Every query goes through the permission layer: a caller sees the
schools on which its account holds the action, narrowed to the token's organisation when it uses a token."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from truyenthong.activities import apps as activity_actions
from truyenthong.activities.models import Activity
from truyenthong.api import serializers as S
from truyenthong.api.models import ApiToken
from truyenthong.api.services import figures_import
from truyenthong.content import apps as content_actions
from truyenthong.content.models import ContentItem
from truyenthong.core.errors import AppError
from truyenthong.core.permissions import VIEW_PLAN, schools_for
from truyenthong.indicators import actions as indicator_actions
from truyenthong.indicators.models import Indicator, IndicatorValue
from truyenthong.org.models import Organisation
from truyenthong.plans.models import Plan, Target

SCHOOL = OpenApiParameter("school", OpenApiTypes.STR, description="Mã trường (ví dụ: thpt-chuyen-le-quy-don)")
PLAN = OpenApiParameter("plan", OpenApiTypes.INT, description="Mã số (id) kế hoạch")
PERIOD = OpenApiParameter("period", OpenApiTypes.STR, description="Kỳ: '2026-2027', '2026-2027-HK1', '2027'…")


MAX_ID = 10**18 - 1


def visible_schools(request, action: str):
    """The schools the caller may perform `action` on, narrowed to the token's organisation."""
    schools = schools_for(request.user, action)
    token = request.auth if isinstance(request.auth, ApiToken) else None
    if token is not None and token.organisation_id:
        schools = schools.filter(path__startswith=token.organisation.path)
    return schools


def _int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        number = int(raw)
    except ValueError as exc:
        raise ValidationError({name: f"'{raw}' không phải là số nguyên."}) from exc
    if not 0 <= number <= MAX_ID:
        raise ValidationError({name: f"'{raw}' nằm ngoài khoảng mã số hợp lệ."})
    return number


def _date_param(request, name: str) -> dt.date | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({name: f"'{raw}' không phải ngày dạng YYYY-MM-DD."}) from exc


class _Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A read-only resource limited to the caller's schools, filtered by ?school=CODE."""

    action_name = VIEW_PLAN
    school_field = "school"
    lookup_value_regex = "[0-9]{1,18}"  # an id the databases can hold; anything else is a plain 404

    def schools(self):
        schools = visible_schools(self.request, self.action_name)
        code = self.request.query_params.get("school")
        if code:
            schools = schools.filter(code=code)
        return schools

    def scoped(self, queryset):
        return queryset.filter(**{f"{self.school_field}__in": self.schools()})


@extend_schema_view(
    list=extend_schema(summary="Các trường được xem"), retrieve=extend_schema(summary="Một trường")
)
class SchoolViewSet(_Scoped):
    serializer_class = S.SchoolSerializer
    queryset = Organisation.objects.none()

    def get_queryset(self):
        return self.schools().select_related("parent").only(*S.columns(S.SchoolSerializer)).order_by("code")


@extend_schema_view(
    list=extend_schema(
        summary="Kế hoạch", parameters=[SCHOOL, OpenApiParameter("current", OpenApiTypes.BOOL)]
    ),
    retrieve=extend_schema(summary="Một kế hoạch"),
)
class PlanViewSet(_Scoped):
    serializer_class = S.PlanSerializer
    queryset = Plan.objects.none()
    school_field = "organisation"

    def get_queryset(self):
        qs = self.scoped(
            Plan.objects.select_related("organisation")
            .only(*S.columns(S.PlanSerializer))
            .prefetch_related("phases")
        )
        current = self.request.query_params.get("current")
        if current in ("true", "1"):
            qs = qs.filter(is_current=True)
        elif current in ("false", "0"):
            qs = qs.filter(is_current=False)
        return qs.order_by("-issued_on", "-id")


@extend_schema_view(
    list=extend_schema(summary="Chỉ tiêu và thước đo", parameters=[SCHOOL, PLAN]),
    retrieve=extend_schema(summary="Một chỉ tiêu"),
)
class TargetViewSet(_Scoped):
    serializer_class = S.TargetSerializer
    queryset = Target.objects.none()
    school_field = "plan__organisation"

    def get_queryset(self):
        qs = self.scoped(Target.objects.only(*S.columns(S.TargetSerializer)).prefetch_related("measures"))
        plan = _int_param(self.request, "plan")
        if plan is not None:
            qs = qs.filter(plan_id=plan)
        return qs.order_by("plan_id", "order", "id")


@extend_schema_view(
    list=extend_schema(summary="Chỉ số", parameters=[SCHOOL, PLAN]),
    retrieve=extend_schema(summary="Một chỉ số"),
)
class IndicatorViewSet(_Scoped):
    serializer_class = S.IndicatorSerializer
    queryset = Indicator.objects.none()
    action_name = indicator_actions.VIEW

    def get_queryset(self):
        qs = self.scoped(Indicator.objects.select_related("school").only(*S.columns(S.IndicatorSerializer)))
        plan = _int_param(self.request, "plan")
        if plan is not None:
            qs = qs.filter(plan_id=plan)
        return qs.order_by("school_id", "id")


@extend_schema_view(
    list=extend_schema(
        summary="Giá trị chỉ số theo kỳ (toàn trường; ?unit=all cho từng đơn vị)",
        parameters=[
            SCHOOL,
            PERIOD,
            OpenApiParameter("indicator", OpenApiTypes.INT),
            OpenApiParameter("unit", OpenApiTypes.STR, description="Mã đơn vị, hoặc 'all'"),
        ],
    ),
    retrieve=extend_schema(summary="Một giá trị"),
)
class IndicatorValueViewSet(_Scoped):
    serializer_class = S.IndicatorValueSerializer
    queryset = IndicatorValue.objects.none()
    action_name = indicator_actions.VIEW

    def get_queryset(self):
        qs = self.scoped(
            IndicatorValue.objects.select_related("school", "unit").only(
                *S.columns(S.IndicatorValueSerializer)
            )
        )
        period = self.request.query_params.get("period")
        if period:
            qs = qs.filter(period_key=period)
        indicator = _int_param(self.request, "indicator")
        if indicator is not None:
            qs = qs.filter(indicator_id=indicator)
        unit = self.request.query_params.get("unit")
        if unit == "all":
            pass
        elif unit:
            qs = qs.filter(unit__code=unit)
        else:
            qs = qs.filter(scope=0)
        return qs.order_by("indicator_id", "period_key", "scope")


@extend_schema_view(
    list=extend_schema(
        summary="Hoạt động",
        parameters=[
            SCHOOL,
            OpenApiParameter("from", OpenApiTypes.DATE, description="Từ ngày (YYYY-MM-DD)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Đến ngày (YYYY-MM-DD)"),
            OpenApiParameter("status", OpenApiTypes.STR),
            OpenApiParameter("task", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="Một hoạt động"),
)
class ActivityViewSet(_Scoped):
    serializer_class = S.ActivitySerializer
    queryset = Activity.objects.none()
    action_name = activity_actions.VIEW

    def get_queryset(self):
        qs = self.scoped(
            Activity.objects.select_related("school", "unit").only(*S.columns(S.ActivitySerializer))
        )
        tz = timezone.get_current_timezone()
        start = _date_param(self.request, "from")
        end = _date_param(self.request, "to")
        if start:
            qs = qs.filter(starts_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz))
        if end:
            qs = qs.filter(
                starts_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
            )
        if status_ := self.request.query_params.get("status"):
            qs = qs.filter(status=status_)
        task = _int_param(self.request, "task")
        if task is not None:
            qs = qs.filter(task_id=task)
        return qs.order_by("-starts_at", "-id")


@extend_schema_view(
    list=extend_schema(
        summary="Nội dung truyền thông",
        parameters=[
            SCHOOL,
            OpenApiParameter("status", OpenApiTypes.STR),
            OpenApiParameter("task", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="Một nội dung"),
)
class ContentItemViewSet(_Scoped):
    serializer_class = S.ContentItemSerializer
    queryset = ContentItem.objects.none()
    action_name = content_actions.VIEW

    def get_queryset(self):
        qs = self.scoped(
            ContentItem.objects.select_related("school", "section")
            .only(*S.columns(S.ContentItemSerializer))
            .prefetch_related("tasks")
        )
        if status_ := self.request.query_params.get("status"):
            qs = qs.filter(status=status_)
        task = _int_param(self.request, "task")
        if task is not None:
            qs = qs.filter(Q(tasks__id=task)).distinct()
        return qs.order_by("-published_at", "-id")


class FigureImportView(APIView):
    """Hand-entered indicator values from another system, all rows or none."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Nhập số liệu chỉ số từ hệ thống khác (tất cả hoặc không dòng nào)",
        request=S.FigureImportSerializer,
        responses={201: S.FigureImportResultSerializer, 400: S.FigureImportResultSerializer},
    )
    def post(self, request):
        rows = request.data.get("rows") if isinstance(request.data, dict) else None
        token = request.auth if isinstance(request.auth, ApiToken) else None
        try:
            result = figures_import(
                actor=request.user, rows=rows, token_scope=token.organisation if token else None
            )
        except AppError as exc:
            body = {"saved": 0, "errors": [{"row": 0, "field": "rows", "message": exc.message}]}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        body = {"saved": result.saved, "errors": [e.__dict__ for e in result.errors]}
        return Response(
            body, status=status.HTTP_400_BAD_REQUEST if result.errors else status.HTTP_201_CREATED
        )
