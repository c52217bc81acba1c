"""The province's sơ kết / tổng kết report: the Sở's targets with the province figures of the roll-up page (sums of
the schools' numerators over sums of their denominators, `province.selectors.rollup`, read once, not recomputed) and
each school's completeness, in the Decree 30 layout, rendered by the same writers as a school's report.

Choices written down:
- The header: as the Sở's current plan heads it (its parent and issuing bodies, e.g. "UBND TỈNH GIA LAI / SỞ GIÁO
  DỤC VÀ ĐÀO TẠO"); without them, "Ủy ban nhân dân tỉnh …" read from the Sở's name (else its parent in the tree)
  over "Sở Giáo dục và Đào tạo"; and a number "     /BC-<issuer>" left blank for the clerk (the issuer code is the one of the
  Sở's current plan, e.g. SGDĐT from 1020/KH-SGDĐT). Nothing is stored: the file is generated on request.
- Signature: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" with an empty name line (the signer signs the printed copy); no staff
  name appears anywhere — the per-school table counts figures and reporting states only.
- Sơ kết or tổng kết follows the period: a first semester, or a phase not yet over, is a sơ kết; a school year, a
  second semester or a finished phase is a tổng kết.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from truyenthong.indicators import evaluation
from truyenthong.lib import periods as P
from truyenthong.lib.numbers_vi import format_number_vi as vn_number
from truyenthong.org.models import Organisation
from truyenthong.plans.models import Plan
from truyenthong.province import selectors as province_selectors
from truyenthong.reports.data import figure, issuer_code, phrase, plan_reference
from truyenthong.reports.render.model import Block, Fraction, Percent, ReportDocument, Table

SIGNER_AUTHORITY = "KT. GIÁM ĐỐC"
SIGNER_POSITION = "PHÓ GIÁM ĐỐC"
_PROVINCE_OF = re.compile(
    r"^Sở\s+(?:GDĐT|GD&ĐT|GD-ĐT|Giáo dục và Đào tạo)\s+(?:tỉnh\s+|thành phố\s+)?(.+)$", re.I
)


def governing_body(department: Organisation) -> str:
    """The body above a Sở in a Decree 30 header: the province's People's Committee."""
    match = _PROVINCE_OF.match(department.name.strip())
    if match:
        return f"Ủy ban nhân dân tỉnh {match.group(1).strip()}"
    return department.parent.name if department.parent_id else ""


def official_name(department: Organisation) -> str:
    """The Sở's name as its documents head it: "Sở Giáo dục và Đào tạo" (the province is on the line above)."""
    if _PROVINCE_OF.match(department.name.strip()):
        return "Sở Giáo dục và Đào tạo"
    return department.name


def review_verb(period: P.Period, today: dt.date) -> str:
    if period.kind == P.SEMESTER and period.key.endswith("HK1"):
        return "Sơ kết"
    if period.kind == P.PHASE and today <= period.end:
        return "Sơ kết"
    return "Tổng kết"


def _target_text(ind) -> str:
    label = ind.get_comparator_display()
    if ind.comparator == "zero" or ind.target_value is None:
        return label
    return f"{label} {figure(ind.target_value, ind.is_percent)}"


def targets_table(rows, period: P.Period) -> Table:
    header = [
        "TT",
        "Chỉ tiêu của Sở",
        "Chỉ tiêu đặt ra",
        "Kết quả toàn tỉnh",
        "Tử số / mẫu số",
        "Đánh giá",
        "Trường có số liệu",
    ]
    raw, shown = [], []
    for i, r in enumerate(rows, start=1):
        value_text = figure(r.value, r.indicator.is_percent) if r.value is not None else "Chưa có số liệu"
        fraction = ""
        if r.denominator and r.numerator is not None:
            fraction = f"{vn_number(r.numerator)}/{vn_number(r.denominator)}"
        schools = f"{r.reporting}/{r.linked}"
        value = None
        if r.value is not None:
            value = Percent(float(r.value)) if r.indicator.is_percent else r.value
        raw.append(
            [
                i,
                r.indicator.name,
                _target_text(r.indicator),
                value,
                Fraction(float(r.numerator), float(r.denominator)) if fraction else "",
                r.status_label,
                schools,
            ]
        )
        shown.append(
            [
                str(i),
                r.indicator.name,
                _target_text(r.indicator),
                value_text,
                fraction,
                r.status_label,
                schools,
            ]
        )
    return Table(
        title=f"Kết quả các chỉ tiêu của Sở, tổng hợp từ các trường — {period.label}",
        header=header,
        rows=raw,
        display=shown,
        widths=[6, 34, 13, 12, 12, 12, 11],
        sheet="Chỉ tiêu toàn tỉnh",
    )


def completeness_lines(*, department, rows, timeliness) -> list[dict]:
    """Per school: how many of the Sở's targets it is tied to, how many have figures, and its period report."""
    per_school: dict[int, dict] = {}
    for school in province_selectors.schools_of(department):
        per_school[school.pk] = {"school": school, "linked": 0, "with_figures": 0, "report": "", "late": ""}
    for r in rows:
        for f in r.schools:
            line = per_school.get(f.school_id)
            if line is None:
                continue
            line["linked"] += 1
            if f.has_value:
                line["with_figures"] += 1
    for t in timeliness["lines"]:
        line = per_school.get(t.school.pk)
        if line is None:
            continue
        line["report"] = t.state_label
        if t.submitted_at is not None:
            line["late"] = "Đúng hạn" if t.on_time else "Nộp muộn"
        elif t.overdue:
            line["late"] = "Quá hạn, chưa nộp"
        else:
            line["late"] = "Chưa đến hạn"
    return list(per_school.values())


def completeness_table(lines, period: P.Period) -> Table:
    header = ["TT", "Trường", "Chỉ tiêu đã liên kết", "Có số liệu", "Báo cáo của kỳ", "Thời hạn"]
    raw, shown = [], []
    for i, line in enumerate(lines, start=1):
        figures = f"{line['with_figures']}/{line['linked']}" if line["linked"] else "Chưa liên kết"
        raw.append([i, line["school"].name, line["linked"], figures, line["report"], line["late"]])
        shown.append(
            [str(i), line["school"].name, str(line["linked"]), figures, line["report"], line["late"]]
        )
    return Table(
        title=f"Mức độ đầy đủ số liệu và tiến độ báo cáo của các trường — {period.label}",
        header=header,
        rows=raw,
        display=shown,
        widths=[6, 36, 12, 12, 16, 18],
        sheet="Các trường",
    )


def _counts(rows) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts


def build_province_document(
    *, department: Organisation, period_key: str | None, today: dt.date | None = None
) -> ReportDocument:
    """The whole report as the plain model every writer renders; figures straight from the roll-up."""
    from truyenthong.indicators.selectors import parse_period

    today = today or timezone.localdate()
    period = parse_period(period_key, today)
    rows = province_selectors.rollup(department=department, period_key=period.key, today=today)
    timeliness = province_selectors.timeliness(department=department, period_key=period.key, today=today)
    lines = completeness_lines(department=department, rows=rows, timeliness=timeliness)
    plan = Plan.objects.filter(organisation=department, is_current=True).order_by("-id").first()
    verb = review_verb(period, today)
    when = phrase(period.label)

    c = _counts(rows)
    measured = c.get("met", 0) + c.get("at_risk", 0) + c.get("not_met", 0)
    if not rows:
        figures_text = (
            f"{department.name} chưa có kế hoạch hiện hành trong hệ thống: chưa có chỉ tiêu để tổng hợp."
        )
    elif not measured:
        figures_text = f"Trong {when}, các trường chưa có số liệu cho chỉ tiêu nào của Sở."
    else:
        figures_text = (
            f"Trong {when}, toàn tỉnh có {c.get('met', 0)} chỉ tiêu đạt, {c.get('at_risk', 0)} chỉ tiêu có nguy cơ "
            f"không đạt, {c.get('not_met', 0)} chỉ tiêu chưa đạt và {c.get('no_data', 0) + c.get('undefined', 0)} "
            "chỉ tiêu chưa có số liệu."
        )
    method = (
        "Tỷ lệ toàn tỉnh bằng tổng tử số của các trường chia cho tổng mẫu số (không lấy trung bình các tỷ lệ); "
        "số đếm là tổng số đếm của các trường. Chỉ tính các trường đã xác nhận liên kết chỉ tiêu với Sở; trường "
        "chưa có số liệu không được tính là 0%."
    )
    total = timeliness["total"]
    reporting_text = (
        f"Có {timeliness['submitted']}/{total} trường đã gửi báo cáo số liệu của kỳ "
        f"({timeliness['on_time']} đúng hạn, {timeliness['late']} nộp muộn); "
        f"{len(timeliness['overdue'])} trường quá hạn chưa gửi (hạn {timeliness['due'].strftime('%d/%m/%Y')})."
    )
    missing = [
        line["school"].name for line in lines if line["linked"] and line["with_figures"] < line["linked"]
    ]
    unlinked = [line["school"].name for line in lines if not line["linked"]]
    shortfalls = []
    if missing:
        shortfalls.append("Các trường còn thiếu số liệu: " + ", ".join(missing) + ".")
    if unlinked:
        shortfalls.append("Các trường chưa liên kết chỉ tiêu với Sở: " + ", ".join(unlinked) + ".")
    not_met = [r.indicator.name for r in rows if r.status in (evaluation.NOT_MET, evaluation.AT_RISK)]
    if not_met:
        shortfalls.append("Các chỉ tiêu chưa đạt hoặc có nguy cơ không đạt: " + "; ".join(not_met) + ".")
    blocks = [
        Block(
            "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            paragraphs=[
                f"Thực hiện {plan_reference(plan)} của {department.name}, "
                f"{department.name} {verb.lower()} {when} như sau.",
                method,
                figures_text,
            ],
            tables=[targets_table(rows, period)],
        ),
        Block(
            "II. MỨC ĐỘ ĐẦY ĐỦ SỐ LIỆU VÀ TIẾN ĐỘ BÁO CÁO CỦA CÁC TRƯỜNG",
            paragraphs=[reporting_text],
            tables=[completeness_table(lines, period)],
        ),
        Block(
            "III. HẠN CHẾ, TỒN TẠI",
            paragraphs=shortfalls or ["Các trường đã có đầy đủ số liệu cho các chỉ tiêu đã liên kết."],
        ),
        Block(
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
            paragraphs=[
                "Các trường hoàn thành việc liên kết chỉ tiêu với Sở, cập nhật đầy đủ số liệu và gửi báo cáo "
                "đúng hạn; tập trung các giải pháp cho những chỉ tiêu chưa đạt."
            ],
        ),
    ]
    n = 0
    for block in blocks:
        for table in block.tables:
            n += 1
            table.title = f"Bảng {n}. {table.title}"
    summary = f"{verb} {when} việc thực hiện " + (
        f"Kế hoạch số {plan.number}" if plan is not None and plan.number else "kế hoạch truyền thông của Sở"
    )
    return ReportDocument(
        parent_body=(plan.parent_body if plan is not None else "") or governing_body(department),
        issuing_body=(plan.issuing_body if plan is not None else "") or official_name(department),
        number=f"      /BC-{issuer_code(department, plan)}",
        place=department.place or (plan.place if plan is not None else "") or "",
        issued_on=None,
        doc_type="Báo cáo",
        summary=summary,
        blocks=blocks,
        recipients=[
            "Bộ Giáo dục và Đào tạo (để báo cáo)",
            f"{governing_body(department) or 'Cơ quan quản lý cấp trên'} (để báo cáo)",
            "Giám đốc, các Phó Giám đốc Sở",
            "Các trường trực thuộc",
            "Lưu: VT",
        ],
        signer_authority=SIGNER_AUTHORITY,
        signer_position=SIGNER_POSITION,
        signer_name="",
        draft=False,
        school_name=department.name,
        period_label=period.label,
        status_counts=c,
    )


def file_name(department: Organisation, period: P.Period, extension: str) -> str:
    return f"bao-cao-tong-hop-{department.code}-{period.key}.{extension}"
