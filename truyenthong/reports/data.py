"""Reading a report's figures from the data: the indicator rows come from `indicators.selectors.dashboard_rows` (so
they equal the dashboard's), the narrative counts from activities and content, the evaluation results from the
evaluation app. Produces the plain `ReportDocument` every writer renders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from truyenthong.lib import periods as P
from truyenthong.lib.decree30 import HEAD_TITLES, signer_block
from truyenthong.lib.numbers_vi import format_number_vi as vn_number
from truyenthong.lib.redact import Redactor
from truyenthong.lib.vntext import format_date_vi, in_sentence
from truyenthong.reports.models import Report
from truyenthong.reports.render.model import (
    Bar,
    Block,
    Chart,
    Fraction,
    Highlight,
    Percent,
    ReportDocument,
    Table,
)

K = Report.Kind
NARRATIVE = {
    "tinh_hinh": "Đặc điểm tình hình",
    "uu_diem": "Ưu điểm",
    "han_che": "Hạn chế, tồn tại và nguyên nhân",
    "phuong_huong": "Phương hướng, nhiệm vụ trọng tâm kỳ tới",
    "de_xuat": "Đề xuất, kiến nghị",
}
PERIOD_KIND = {
    K.SEMESTER_REVIEW: P.SEMESTER,
    K.YEAR_REVIEW: P.SCHOOL_YEAR,
    K.PHASE_INTERIM: P.PHASE,
    K.PHASE_FINAL: P.PHASE,
    K.MEASUREMENT: P.SCHOOL_YEAR,
}
VERB = {
    K.SEMESTER_REVIEW: "Sơ kết",
    K.YEAR_REVIEW: "Tổng kết",
    K.PHASE_INTERIM: "Sơ kết",
    K.PHASE_FINAL: "Tổng kết",
}


def period_of(report_kind: str, period_key: str) -> P.Period:
    return P.period_from_key(period_key, kind=PERIOD_KIND[report_kind])


def phrase(label: str) -> str:
    """A label inside a sentence (lib.vntext.in_sentence): "học kỳ II năm học 2026-2027", never "học kỳ ii"."""
    return in_sentence(label)


def figure(value, percent: bool) -> str:
    """A value as the dashboard prints it (vn_number), with % for a percentage."""
    text = vn_number(value)
    return f"{text}%" if percent and value is not None else text


def thousands(n: int) -> str:
    return vn_number(n)


@dataclass
class Facts:
    period: P.Period
    plan: object
    rows: list
    counts: dict[str, int]
    activities: list[tuple[str, int, int, int]]  # kind label, done, total, participants
    items_by_kind: list[tuple[str, int]]
    reach: list[tuple[str, int]]
    parents: tuple[int, int] | None
    progress: int | None
    criteria: list = field(default_factory=list)
    ranking: list = field(default_factory=list)
    commendations: list = field(default_factory=list)
    inspections: dict = field(default_factory=dict)
    # (what was measured, agreeing answers, answers) from the school's surveys of the year: awareness and
    # satisfaction as measured, not guessed (issue 12, item 4)
    surveys: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def activities_done(self) -> int:
        return sum(a[1] for a in self.activities)

    @property
    def items_total(self) -> int:
        return sum(n for _, n in self.items_by_kind)

    @property
    def reach_total(self) -> int:
        return sum(n for _, n in self.reach)

    @property
    def with_value(self) -> int:
        """Targets whose value this period is known (đạt, có nguy cơ, chưa đạt)."""
        return sum(self.counts.get(k, 0) for k in ("met", "at_risk", "not_met"))

    @property
    def measured(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("met", "at_risk", "not_met", "no_data"))


def _bounds(period: P.Period, today: dt.date):
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return lo, hi


def gather(*, school, kind: str, period_key: str, today: dt.date | None = None) -> Facts:
    from truyenthong.activities.models import Activity
    from truyenthong.content.models import Audience, ContentItem
    from truyenthong.content.selectors import classes_with_parents_reached, reach_by_audience
    from truyenthong.indicators.selectors import dashboard_rows, status_counts, task_progress
    from truyenthong.plans.selectors import current_plan_of

    today = today or timezone.localdate()
    period = period_of(kind, period_key)
    plan = current_plan_of(school)
    rows = dashboard_rows(school=school, period_key=period.key, plan=plan, today=today) if plan else []
    lo, hi = _bounds(period, today)
    activity_rows = (
        Activity.objects.filter(school=school, starts_at__gte=lo, starts_at__lt=hi)
        .order_by()
        .values("kind")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status__in=["done", "verified"])),
            people=Sum("actual_participants", filter=Q(status__in=["done", "verified"])),
        )
    )
    labels = dict(Activity.Kind.choices)
    activities = sorted(
        ((labels.get(r["kind"], r["kind"]), r["done"], r["total"], r["people"] or 0) for r in activity_rows),
        key=lambda a: (-a[1], a[0]),
    )
    item_rows = (
        ContentItem.objects.filter(
            school=school, status__in=["published", "archived"], published_at__gte=lo, published_at__lt=hi
        )
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    )
    kind_labels = dict(ContentItem.Kind.choices)
    items = sorted(
        ((kind_labels.get(r["kind"], r["kind"]), r["n"]) for r in item_rows), key=lambda x: (-x[1], x[0])
    )
    reach_end = min(period.end, max(today, period.start))
    reach = reach_by_audience(school=school, start=period.start, end=reach_end)
    audience_labels = dict(Audience.choices)
    reach_rows = [(audience_labels.get(a, a), n) for a, n in reach.items()]
    parents = None
    if period.kind in (P.SCHOOL_YEAR, P.SEMESTER):
        year_key = P.school_year_of(period.start).key
        parents = classes_with_parents_reached(
            school=school, start=period.start, end=period.end, school_year=year_key
        )
    progress = task_progress(plan=plan, period_key=period.key, today=today)["progress"] if plan else None
    facts = Facts(
        period=period,
        plan=plan,
        rows=rows,
        counts=status_counts(rows),
        activities=activities,
        items_by_kind=items,
        reach=reach_rows,
        parents=parents,
        progress=progress,
    )
    _evaluation_facts(facts, school=school, kind=kind, today=today)
    if period.kind in (P.SCHOOL_YEAR, P.SEMESTER):
        facts.surveys = survey_facts(school=school, school_year=P.school_year_of(period.start).key)
    return facts


def survey_facts(*, school, school_year: str) -> list[tuple[str, int, int]]:
    """The school's survey results of the year on the two measures a plan's awareness targets rest on."""
    from truyenthong.surveys.models import SurveyQuestion
    from truyenthong.surveys.selectors import measured_rate

    out = []
    for measure in (SurveyQuestion.Measure.AWARENESS, SurveyQuestion.Measure.SATISFACTION):
        rate = measured_rate(school=school, school_year=school_year, measure=measure)
        if rate.answers:
            out.append((measure.label, rate.agree, rate.answers))
    return out


def survey_sentence(facts: Facts) -> str:
    """What the surveys measured, cited in the report's results ("" when the school ran none that year)."""
    if not facts.surveys:
        return ""
    parts = [
        f"{phrase(label)}: {figure(round(Decimal(100 * agree) / answers, 1), True)} ý kiến đồng tình hoặc rất đồng "
        f"tình ({thousands(agree)}/{thousands(answers)} câu trả lời)"
        for label, agree, answers in facts.surveys
    ]
    return " Kết quả khảo sát trong năm học — " + "; ".join(parts) + "."


def _evaluation_facts(facts: Facts, *, school, kind: str, today: dt.date) -> None:
    from truyenthong.evaluation.models import EmulationYear, EvaluationCycle, FollowUp, Inspection
    from truyenthong.evaluation.selectors import commendations_of, cycle_results, emulation_ranking

    if facts.period.kind == P.PHASE:
        years = [p.key for p in P.within(facts.period, P.SCHOOL_YEAR)]
    else:
        years = [P.school_year_of(facts.period.start).key]
    year_key = years[-1] if years else ""
    cycle = EvaluationCycle.objects.filter(school=school, period_key=year_key, state="published").first()
    if cycle is not None:
        facts.criteria = cycle_results(cycle)
    year = EmulationYear.objects.filter(school=school, period_key=year_key).first()
    if year is not None:
        facts.ranking = emulation_ranking(year)["units"]
    facts.commendations = list(commendations_of(school, year_key)) if year_key else []
    inspections = Inspection.objects.filter(school=school, period_key__in=years)
    follow_ups = FollowUp.objects.filter(inspection__in=inspections)
    facts.inspections = {
        "total": inspections.count(),
        "done": inspections.exclude(status="planned").count(),
        "follow_ups": follow_ups.count(),
        "follow_ups_done": follow_ups.filter(status="done").count(),
        "overdue": follow_ups.filter(status="open", deadline__lt=today).count(),
    }


# --------------------------------------------------------------------------------------------- narrative


def plan_reference(plan) -> str:
    if plan is None:
        return "kế hoạch truyền thông của nhà trường"
    ref = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"
    if getattr(plan, "issued_on", None):
        ref += f" ngày {format_date_vi(plan.issued_on)}"
    return ref


def _row_text(row) -> str:
    text = (row.measure.text or row.target.text or "").strip()
    text = text[:1].upper() + text[1:]  # a measure cut from the middle of a sentence starts in lower case
    return text if len(text) <= 220 else text[:217].rstrip() + "…"


def default_summary(*, kind: str, period: P.Period, plan) -> str:
    if kind == K.MEASUREMENT:
        return f"Kết quả đo lường công tác truyền thông {phrase(period.label)}"
    ref = f"Kế hoạch số {plan.number}" if plan is not None and plan.number else "kế hoạch truyền thông"
    return f"{VERB[kind]} {phrase(period.label)} việc thực hiện {ref}"


def default_narrative(facts: Facts, *, school) -> dict[str, str]:
    """The narrative pre-filled from the data; the user edits it before the final version."""
    period = phrase(facts.period.label)
    c = facts.counts
    top = ", ".join(f"{phrase(label)} ({done})" for label, done, _total, _p in facts.activities[:4] if done)
    lagging = [r for r in facts.rows if r.status in ("not_met", "at_risk")]
    out = {
        "tinh_hinh": (
            f"Thực hiện {plan_reference(facts.plan)} của {school.name}, trong {period} nhà trường tiếp tục "
            "triển khai công tác truyền thông tới cán bộ, giáo viên, nhân viên, học sinh và cha mẹ học sinh; "
            "các tổ chuyên môn, Văn phòng và Đoàn Thanh niên thực hiện theo phân công."
        ),
        "uu_diem": (
            f"Nhà trường đã tổ chức {thousands(facts.activities_done)} hoạt động"
            + (f", trong đó {top}" if top else "")
            + f"; đăng {thousands(facts.items_total)} tin bài, sản phẩm truyền thông với {thousands(facts.reach_total)} "
            "lượt tiếp cận. "
            + (
                f"Có {c.get('met', 0)}/{facts.with_value} chỉ tiêu có số liệu đã đạt"
                if facts.with_value
                else "Các chỉ tiêu của kỳ chưa có dữ liệu để đánh giá"
            )
            + (
                f"; tiến độ chung của kế hoạch đạt {figure(facts.progress, True)}."
                if facts.progress is not None
                else "."
            )
            + survey_sentence(facts)
        ),
        "han_che": (
            "\n".join(
                f"- {_row_text(r)}: {'có nguy cơ không đạt' if r.status == 'at_risk' else 'chưa đạt'} "
                f"({figure(r.value, r.is_percent)}; chỉ tiêu: {r.measure.describe()})."
                for r in lagging
            )
            if lagging
            else "Không có chỉ tiêu đo được nào chưa đạt trong kỳ."
        )
        + (
            f"\n- Còn {c['no_data']} chỉ tiêu chưa có dữ liệu, {c['undefined']} chỉ tiêu cần định nghĩa cách đo."
            if c.get("no_data") or c.get("undefined")
            else ""
        ),
        "phuong_huong": (
            "Tiếp tục duy trì các hoạt động đã đạt kết quả tốt; tập trung khắc phục các chỉ tiêu chưa đạt, "
            "hoàn thiện dữ liệu minh chứng và báo cáo đúng hạn."
        ),
        "de_xuat": "Đề nghị cấp trên tiếp tục cung cấp tài liệu, tổ chức bồi dưỡng kỹ năng truyền thông cho cán bộ phụ trách.",
    }
    if facts.inspections.get("overdue"):
        out["han_che"] += f"\n- Còn {facts.inspections['overdue']} yêu cầu khắc phục sau kiểm tra quá hạn."
    return out


# --------------------------------------------------------------------------------------------- tables


def indicator_table(facts: Facts, *, with_trend: bool = False) -> Table:
    header = ["TT", "Chỉ tiêu", "Kỳ", "Kết quả", "Tử số / mẫu số", "Chỉ tiêu đặt ra", "Đánh giá"]
    widths = [7, 34, 14, 9, 10, 14, 12]
    if with_trend:
        header.append("Diễn biến qua các kỳ")
        widths = [7, 25, 14, 8, 9, 12, 11, 14]
    rows, display = [], []
    for i, r in enumerate(facts.rows, start=1):
        fraction = ""
        if r.denominator and r.numerator is not None:  # 0/0 says nothing: left blank
            fraction = f"{vn_number(r.numerator)}/{vn_number(r.denominator)}"
        shown_value = figure(r.value, r.is_percent) if r.status != "undefined" else "—"
        value = r.value if r.status != "undefined" else None
        if value is not None and r.is_percent:
            value = Percent(float(value))
        raw_fraction = Fraction(float(r.numerator), float(r.denominator)) if fraction else ""
        raw = [i, _row_text(r), r.period_key, value, raw_fraction, r.measure.describe(), r.status_label]
        shown = [
            str(i),
            _row_text(r),
            r.period_key,
            shown_value,
            fraction,
            r.measure.describe(),
            r.status_label,
        ]
        if with_trend:
            trend = "; ".join(f"{k}: {figure(v, r.is_percent)}" for k, v in r.trend)
            raw.append(trend)
            shown.append(trend)
        rows.append(raw)
        display.append(shown)
    return Table(
        title=f"Kết quả thực hiện các chỉ tiêu — {facts.period.label}",
        header=header,
        rows=rows,
        display=display,
        widths=widths,
        sheet="Chỉ tiêu",
    )


def indicator_chart(facts: Facts) -> Chart:
    measured = [r for r in facts.rows if r.indicator is not None and r.status != "undefined"]
    percent = [r for r in measured if r.is_percent]
    chosen = percent or measured
    bars = [
        Bar(
            label=(r.measure.subject or _row_text(r))[:160],
            value=float(r.value) if r.value is not None else None,
            target=float(r.target_value) if r.target_value is not None else None,
            status=r.status,
            text=figure(r.value, r.is_percent),
        )
        for r in chosen
    ]
    title = (
        "Biểu đồ. Kết quả các chỉ tiêu " + ("(%)" if percent else "(số lượng)") + f" — {facts.period.label}"
    )
    return Chart(title=title, bars=bars, percent=bool(percent))


def activity_table(facts: Facts) -> Table:
    rows = [[label, done, total, people] for label, done, total, people in facts.activities]
    return Table(
        title=f"Các hoạt động đã tổ chức — {facts.period.label}",
        header=["Loại hoạt động", "Đã thực hiện", "Trong kế hoạch", "Lượt người tham gia"],
        rows=rows or [["Chưa có hoạt động", 0, 0, 0]],
        widths=[50, 15, 15, 20],
        sheet="Hoạt động",
    )


def communication_table(facts: Facts) -> Table:
    rows: list[list[object]] = [[f"Tin bài: {label}", n] for label, n in facts.items_by_kind]
    rows += [[f"Lượt tiếp cận: {label}", n] for label, n in facts.reach]
    display = [[str(a), thousands(b) if isinstance(b, int) else str(b)] for a, b in rows]
    if facts.parents is not None:
        reached, total = facts.parents
        rows.append(["Số lớp có cha mẹ học sinh được tiếp cận", reached if total else None])
        display.append(
            ["Số lớp có cha mẹ học sinh được tiếp cận", f"{reached}/{total}" if total else "chưa có dữ liệu"]
        )
    return Table(
        title=f"Sản phẩm truyền thông và mức độ tiếp cận — {facts.period.label}",
        header=["Nội dung", "Số lượng"],
        rows=rows,
        display=display,
        widths=[70, 30],
        sheet="Truyền thông",
    )


def criteria_table(facts: Facts) -> Table | None:
    if not facts.criteria:
        return None
    rows, display = [], []
    for r in facts.criteria:
        rows.append(
            [
                r.unit.name,
                r.self_total,
                r.score_total,
                r.max_total,
                Percent(float(r.percent)) if r.percent is not None else None,
            ]
        )
        display.append(
            [
                r.unit.name,
                vn_number(r.self_total),
                vn_number(r.score_total),
                vn_number(r.max_total),
                figure(r.percent, True),
            ]
        )
    return Table(
        title="Kết quả đánh giá theo Bộ tiêu chí đánh giá công tác truyền thông",
        header=["Đơn vị", "Tự chấm", "Điểm chấm", "Điểm tối đa", "Tỷ lệ"],
        rows=rows,
        display=display,
        widths=[40, 15, 15, 15, 15],
        sheet="Bộ tiêu chí",
    )


def emulation_table(facts: Facts) -> Table | None:
    if not facts.ranking:
        return None
    rows = [[r.rank_label, r.name, r.score, r.classification_label] for r in facts.ranking]
    display = [[r.rank_label, r.name, vn_number(r.score), r.classification_label] for r in facts.ranking]
    return Table(
        title="Xếp hạng, xếp loại thi đua các đơn vị",
        header=["Hạng", "Đơn vị", "Điểm", "Xếp loại"],
        rows=rows,
        display=display,
        widths=[12, 40, 12, 36],
        sheet="Thi đua",
    )


def commendation_table(facts: Facts) -> Table | None:
    if not facts.commendations:
        return None
    rows = [
        [
            c.get_kind_display(),
            str(c.recipient),
            c.title,
            f"{c.decision_number} ngày {c.decision_date:%d/%m/%Y}",
        ]
        for c in facts.commendations
    ]
    return Table(
        title="Khen thưởng, biểu dương",
        header=["Hình thức", "Đơn vị, cá nhân", "Danh hiệu", "Quyết định"],
        rows=rows,
        widths=[14, 26, 36, 24],
        sheet="Khen thưởng",
    )


# --------------------------------------------------------------------------------------------- the document


def _recipients(report: Report) -> list[str]:
    lines = [ln.strip() for ln in (report.recipients or "").splitlines() if ln.strip()]
    return lines or default_recipients(report.school)


def default_recipients(school) -> list[str]:
    parent = school.parent.name if school.parent_id else "Cơ quan quản lý cấp trên"
    return [
        f"{parent} (để báo cáo)",
        "Ban Giám hiệu",
        "Các tổ chuyên môn, Văn phòng, Đoàn Thanh niên",
        "Lưu: VT",
    ]


def default_signer(school) -> str:
    from truyenthong.org.models import Person

    person = Person.objects.filter(school=school, position__iexact="Hiệu trưởng").order_by("id").first()
    return person.full_name if person else ""


def signer_position_of(school, name: str) -> str:
    """The position of the member of staff of ``school`` called ``name`` when they are its head or a deputy
    ("Phó Hiệu trưởng"), else ""; a report signed by a deputy then prints "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG"."""
    from truyenthong.org.models import Person

    head = HEAD_TITLES.get(school.kind, HEAD_TITLES["school"])
    for person in Person.objects.filter(school=school, full_name__iexact=(name or "").strip()).order_by("id"):
        _authority, position = signer_block(head=head, position=person.position)
        if position in (head.upper(), f"PHÓ {head.upper()}"):
            return person.position
    return ""


def issuer_code(school, plan) -> str:
    number = getattr(plan, "number", "") or ""
    if "-" in number:
        return number.split("-", 1)[1]
    return (school.short_name or school.code).replace(" ", "").upper()[:10]


def measured_sentence(facts: Facts) -> str:
    """What the period's targets came to, in one sentence; a period without any value says so instead of 0s."""
    c = facts.counts
    period = phrase(facts.period.label)
    with_value = c.get("met", 0) + c.get("at_risk", 0) + c.get("not_met", 0)
    if not facts.rows:
        return f"Trong {period}, kế hoạch hiện hành chưa có chỉ tiêu nào để đo: chưa có dữ liệu."
    if not with_value:
        return (
            f"Trong {period}, chưa có dữ liệu để đánh giá các chỉ tiêu ({c.get('no_data', 0)} chỉ tiêu chưa có "
            f"dữ liệu, {c.get('undefined', 0)} chỉ tiêu cần định nghĩa cách đo)."
        )
    return (
        f"Trong {period}, có {c.get('met', 0)} chỉ tiêu đạt, {c.get('at_risk', 0)} chỉ tiêu có nguy cơ không đạt, "
        f"{c.get('not_met', 0)} chỉ tiêu chưa đạt và {c.get('no_data', 0)} chỉ tiêu chưa có dữ liệu (số liệu như "
        "trên bảng điều khiển của nhà trường)."
    )


def build_document(report: Report, facts: Facts) -> ReportDocument:
    narrative = {**default_narrative(facts, school=report.school), **(report.narrative or {})}
    kind = report.kind
    blocks: list[Block] = []
    ind_table = indicator_table(facts, with_trend=kind in (K.PHASE_INTERIM, K.PHASE_FINAL))
    c = facts.counts
    figures_text = measured_sentence(facts)
    comms_text = (
        f"Nhà trường đã đăng {thousands(facts.items_total)} tin bài, sản phẩm truyền thông; tổng số lượt tiếp cận "
        f"{thousands(facts.reach_total)}."
    )
    if kind == K.MEASUREMENT:
        blocks.append(
            Block(
                "I. KẾT QUẢ ĐO LƯỜNG CÁC CHỈ SỐ",
                paragraphs=[narrative["tinh_hinh"], figures_text],
                tables=[ind_table],
                chart=indicator_chart(facts),
            )
        )
        blocks.append(
            Block(
                "II. MỨC ĐỘ TIẾP CẬN THÔNG TIN",
                paragraphs=[comms_text],
                tables=[communication_table(facts), activity_table(facts)],
            )
        )
        criteria = criteria_table(facts)
        blocks.append(
            Block(
                "III. KẾT QUẢ ĐÁNH GIÁ THEO BỘ TIÊU CHÍ",
                paragraphs=[]
                if criteria
                else ["Kết quả đánh giá theo bộ tiêu chí của năm học chưa được công bố."],
                tables=[criteria] if criteria else [],
            )
        )
        blocks.append(Block("IV. ĐÁNH GIÁ CHUNG"))
        blocks.append(Block(f"1. {NARRATIVE['uu_diem']}", level=2, paragraphs=[narrative["uu_diem"]]))
        blocks.append(Block(f"2. {NARRATIVE['han_che']}", level=2, paragraphs=[narrative["han_che"]]))
        blocks.append(
            Block(f"V. {NARRATIVE['phuong_huong'].upper()}", paragraphs=[narrative["phuong_huong"]])
        )
        blocks.append(Block(f"VI. {NARRATIVE['de_xuat'].upper()}", paragraphs=[narrative["de_xuat"]]))
    else:
        blocks.append(Block("I. KẾT QUẢ THỰC HIỆN", paragraphs=[narrative["tinh_hinh"]]))
        blocks.append(Block("1. Công tác tổ chức các hoạt động", level=2, tables=[activity_table(facts)]))
        blocks.append(
            Block(
                "2. Công tác truyền thông",
                level=2,
                paragraphs=[comms_text],
                tables=[communication_table(facts)],
            )
        )
        blocks.append(
            Block(
                "3. Kết quả thực hiện các chỉ tiêu",
                level=2,
                paragraphs=[figures_text],
                tables=[ind_table],
                chart=indicator_chart(facts),
            )
        )
        if kind != K.SEMESTER_REVIEW:
            tables = [
                t for t in (criteria_table(facts), emulation_table(facts), commendation_table(facts)) if t
            ]
            blocks.append(
                Block(
                    "4. Đánh giá, thi đua, khen thưởng",
                    level=2,
                    tables=tables,
                    paragraphs=[] if tables else ["Chưa có kết quả đánh giá, thi đua được công bố."],
                )
            )
        i = facts.inspections
        if i.get("total"):
            blocks.append(
                Block(
                    f"{5 if kind != K.SEMESTER_REVIEW else 4}. Công tác kiểm tra, giám sát",
                    level=2,
                    paragraphs=[
                        f"Đã tiến hành {i['done']}/{i['total']} cuộc kiểm tra theo kế hoạch; "
                        f"{i['follow_ups_done']}/{i['follow_ups']} yêu cầu khắc phục đã hoàn thành"
                        + (f", {i['overdue']} yêu cầu quá hạn." if i["overdue"] else ".")
                    ],
                )
            )
        blocks.append(Block("II. ĐÁNH GIÁ CHUNG"))
        blocks.append(Block(f"1. {NARRATIVE['uu_diem']}", level=2, paragraphs=[narrative["uu_diem"]]))
        blocks.append(Block(f"2. {NARRATIVE['han_che']}", level=2, paragraphs=[narrative["han_che"]]))
        blocks.append(
            Block(f"III. {NARRATIVE['phuong_huong'].upper()}", paragraphs=[narrative["phuong_huong"]])
        )
        blocks.append(Block(f"IV. {NARRATIVE['de_xuat'].upper()}", paragraphs=[narrative["de_xuat"]]))
    n = 0
    for block in blocks:
        for table in block.tables:
            n += 1
            table.title = f"Bảng {n}. {table.title}"
    school = report.school
    number = report.number or f"      /BC-{issuer_code(school, facts.plan)}"
    authority, position = signer_block(
        head=HEAD_TITLES.get(school.kind, HEAD_TITLES["school"]),
        position=report.signer_position,
        authority=report.signer_authority,
    )
    chart = indicator_chart(facts)
    return ReportDocument(
        parent_body=school.parent.name if school.parent_id else "",
        issuing_body=school.name,
        number=number,
        place=school.place or "",
        issued_on=report.issued_on if report.is_final else (report.issued_on or None),
        doc_type="Báo cáo",
        summary=report.summary,
        blocks=blocks,
        recipients=_recipients(report),
        signer_authority=authority,
        signer_position=position,
        signer_name=report.signer_name or default_signer(school),
        draft=not report.is_final,
        school_name=school.name,
        period_label=facts.period.label,
        highlights=[
            # A count of 0 is shown as "chưa có dữ liệu", not as a giant 0
            Highlight(
                thousands(facts.activities_done) if facts.activities_done else "", "hoạt động đã tổ chức"
            ),
            Highlight(thousands(facts.items_total) if facts.items_total else "", "tin bài, sản phẩm đã đăng"),
            Highlight(thousands(facts.reach_total) if facts.reach_total else "", "lượt tiếp cận"),
        ],
        status_counts=dict(c),
        chart=chart,
    )


# --------------------------------------------------------------------------------------------- the official copy


def school_people(school) -> list[tuple[str, str]]:
    """(full name, staff code) of everyone the school has ever had on its register: a report may name any of them."""
    from truyenthong.org.models import Person

    return list(Person.objects.filter(school=school).values_list("full_name", "code"))


def names_free(document: ReportDocument, *, people: list[tuple[str, str]]) -> ReportDocument:
    """The same document with every staff name and code replaced (lib/redact.py): what a Sở official receives —
    personal data stays in its school. Every string is passed through, the figures are untouched."""
    redactor = Redactor(people)

    def walk(value):
        if isinstance(value, str):
            return redactor(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(
                value, **{f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            )
        return value

    return walk(document)


def decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(value)
