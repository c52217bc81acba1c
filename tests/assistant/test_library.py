"""The document library: uploads of .txt/.docx/.pdf, replacement, refusals, plans entering by themselves."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document as Docx
from fpdf import FPDF

from truyenthong.assistant.models import Document, Passage
from truyenthong.assistant.services import document_delete, document_upload
from truyenthong.core.errors import InvalidInput
from truyenthong.core.models import AuditEntry

pytestmark = pytest.mark.django_db

GUIDANCE = (
    "TRƯỜNG THPT THỬ NGHIỆM\nSố: 07/TB-THPT\nPleiku, ngày 02 tháng 4 năm 2026\nTHÔNG BÁO\n"
    "Lịch họp cha mẹ học sinh học kỳ II\n"
    "1. Thời gian\nHọp cha mẹ học sinh toàn trường vào sáng Chủ nhật ngày 12/4/2026.\n"
    "2. Nội dung\n- Thông tin kết quả học tập giữa học kỳ II.\n- Giới thiệu Nghị quyết 71-NQ/TW.\n"
)


def _docx() -> bytes:
    doc = Docx()
    for line in GUIDANCE.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    for line in GUIDANCE.splitlines():
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    "name, data",
    [("lich-hop.txt", GUIDANCE.encode()), ("lich-hop.docx", _docx()), ("lich-hop.pdf", _pdf())],
)
def test_a_document_is_read_split_and_its_metadata_kept(world, name, data):
    document = document_upload(school=world.school, actor=world.users["comms"], name=name, data=data)
    assert document.number == "07/TB-THPT"
    assert document.issued_on.isoformat() == "2026-04-02"
    assert document.doc_type == "THÔNG BÁO" and document.issuer == "TRƯỜNG THPT THỬ NGHIỆM"
    assert document.title == "Lịch họp cha mẹ học sinh học kỳ II"
    meeting = document.passages.get(text__startswith="Họp cha mẹ học sinh")
    assert meeting.section == "1" and meeting.heading == "Thời gian"
    assert document.passages.filter(section="2").count() == 2
    document.file.open("rb")
    assert document.file.read() == data
    assert AuditEntry.objects.filter(
        object_type="assistant.document", action=AuditEntry.Action.CREATE
    ).exists()


def test_re_uploading_a_file_of_the_same_name_replaces_the_document(world):
    first = document_upload(
        school=world.school, actor=world.users["comms"], name="lich.txt", data=GUIDANCE.encode()
    )
    changed = GUIDANCE.replace("12/4/2026", "19/4/2026")
    second = document_upload(
        school=world.school, actor=world.users["comms"], name="lich.txt", data=changed.encode()
    )
    assert second.pk == first.pk
    assert Document.objects.filter(school=world.school).count() == 1
    texts = list(Passage.objects.filter(document=second).values_list("text", flat=True))
    assert any("19/4/2026" in t for t in texts) and not any("12/4/2026" in t for t in texts)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "loại tệp không được nhận"),
        ("gia.pdf", b"khong phai pdf", "nội dung không phải là PDF"),
        ("rong.txt", b"", "rỗng"),
        ("cu.doc", b"\xd0\xcf\x11\xe0" + b"0" * 20, "loại tệp không được nhận"),
        ("latin.txt", "Hướng dẫn".encode("cp1258", errors="ignore") + b"\xff\xfe\xfa", "UTF-8"),
    ],
)
def test_a_bad_upload_is_refused_with_a_vietnamese_message_and_nothing_is_stored(world, name, data, message):
    with pytest.raises(InvalidInput) as caught:
        document_upload(school=world.school, actor=world.users["comms"], name=name, data=data)
    assert message in caught.value.message and name in caught.value.message
    assert not Document.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "youth", "official", "outsider"])
def test_only_leadership_and_communication_staff_manage_the_library(world, persona):
    with pytest.raises(PermissionDenied):
        document_upload(school=world.school, actor=world.users[persona], name="a.txt", data=GUIDANCE.encode())


def test_an_imported_plan_enters_the_library_once_its_import_commits(library):
    document = Document.objects.get(plan=library.plan)
    assert document.source == Document.Source.PLAN
    assert document.number == "35/KH-CLQĐ" and document.issued_on.isoformat() == "2026-03-09"
    budget = document.passages.get(text__startswith="Kinh phí thực hiện")
    assert budget.section == "III"
    assert document.passages.filter(section__startswith="II.").count() >= 20


def test_deleting_a_document_removes_its_passages_and_file(library, django_capture_on_commit_callbacks):
    document = Document.objects.get(filename="the-le-cuoc-thi.txt")
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document, actor=library.users["principal"])
    assert not Passage.objects.filter(document_id=document.pk).exists()
    assert not storage.exists(name)
