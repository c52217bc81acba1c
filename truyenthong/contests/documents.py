"""Files of the contests app: winners' certificates (PDF with a verification QR code), their bulk .zip, and the
results sheet (.xlsx)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF

from truyenthong.lib.spreadsheet import safe_row
from truyenthong.lib.vntext import format_date_vi, slugify_vi

FONT_DIR = Path(os.environ.get("TRUYENTHONG_FONT_DIR", "/usr/share/fonts/truetype/liberation2"))
FAMILY = "SerifVN"


def verify_url(certificate) -> str:
    return settings.SITE_URL + reverse("contests:certificate-verify", args=[certificate.code])


def qr_png(url: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def certificate_pdf(certificate) -> bytes:
    attempt = certificate.attempt
    participant = attempt.participant
    round_ = attempt.round
    contest = round_.contest
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for style, name in {"": "Regular", "B": "Bold", "I": "Italic"}.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / f"LiberationSerif-{name}.ttf"))
    pdf.set_title(f"Giấy chứng nhận — {participant.full_name}")
    pdf.set_lang("vi-VN")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(150, 20, 20)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(24)
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(0, 7, contest.school.name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    if contest.organiser_unit:
        pdf.set_font(FAMILY, "", 13)
        pdf.cell(0, 7, contest.organiser_unit.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_text_color(150, 20, 20)
    pdf.set_font(FAMILY, "B", 34)
    pdf.cell(0, 16, "GIẤY CHỨNG NHẬN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 15)
    pdf.cell(0, 8, "Chứng nhận", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 24)
    pdf.cell(0, 13, participant.full_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 15)
    if participant.group_label:
        pdf.cell(0, 8, participant.group_label, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", 20)
    pdf.set_text_color(150, 20, 20)
    pdf.cell(0, 11, f"Đạt {certificate.award}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FAMILY, "", 14)
    pdf.set_x(40)
    pdf.multi_cell(217, 7, f"{contest.title} — {round_.name}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        7,
        f"Điểm: {attempt.score.normalize():f}/{attempt.max_score.normalize():f}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    issued = timezone.localtime(certificate.issued_at).date()
    place = contest.school.place or ""
    pdf.set_xy(160, 158)
    pdf.set_font(FAMILY, "I", 13)
    pdf.cell(110, 7, f"{place + ', ' if place else ''}{format_date_vi(issued)}", align="C")
    url = verify_url(certificate)
    pdf.image(io.BytesIO(qr_png(url)), x=24, y=148, w=36, h=36)
    pdf.set_xy(62, 162)
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(90, 5.5, f"Mã xác minh: {certificate.code}\nQuét mã QR hoặc mở:\n{url}", align="L")
    return bytes(pdf.output())


def certificate_filename(certificate) -> str:
    name = slugify_vi(certificate.attempt.participant.full_name, max_length=60) or "nguoi-du-thi"
    return f"giay-chung-nhan-{certificate.rank:03d}-{name}-{certificate.code}.pdf"


def certificates_zip(certificates) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for cert in certificates:
            archive.writestr(certificate_filename(cert), certificate_pdf(cert))
    return out.getvalue()


def results_xlsx(round_, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả"
    sheet.append(safe_row([f"{round_.contest.title} — {round_.name}"]))
    sheet.append(
        [
            "Hạng",
            "Họ và tên",
            "Lớp/đơn vị",
            "Điểm",
            "Điểm tối đa",
            "Thời gian (giây)",
            "Dự đoán",
            "Bắt đầu",
            "Trạng thái",
        ]
    )
    for row in rows:
        a = row.attempt
        sheet.append(
            safe_row(
                [
                    row.rank,
                    row.participant.full_name,
                    row.participant.group_label,
                    float(a.score),
                    float(a.max_score),
                    round((a.duration_ms or 0) / 1000, 1),
                    a.tie_break_guess,
                    timezone.localtime(a.started_at).strftime("%d/%m/%Y %H:%M:%S"),
                    a.get_status_display(),
                ]
            )
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
