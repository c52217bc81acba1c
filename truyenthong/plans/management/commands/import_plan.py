"""`truyenthong import-plan FILE [--org CODE] [--dry-run] [--json] [--confirm-organisation]`: the same importer as the upload page.

The command line is an operator's tool: it acts as the system administrator (or as --user when given, checked
through the permission layer like any view).
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from truyenthong.core.errors import AppError
from truyenthong.core.permissions import IMPORT_PLAN, require
from truyenthong.org.models import Organisation
from truyenthong.plans.services import (
    document_organisation_flag,
    plan_check_upload,
    plan_create_from_document,
)


class Command(BaseCommand):
    help = "Đọc một kế hoạch (.docx, .pdf, .txt) và lưu vào đơn vị; --dry-run chỉ đọc, --json in kết quả dạng JSON."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", help="mã đơn vị (trường) nhận kế hoạch")
        parser.add_argument("--user", help="tên đăng nhập người nhập (kiểm tra quyền)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và kiểm tra, không ghi gì")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="in kết quả phân tích dạng JSON"
        )
        parser.add_argument(
            "--confirm-organisation",
            action="store_true",
            help="lưu cả khi phần đầu văn bản ghi một đơn vị ban hành khác với --org",
        )

    def handle(self, *args, file, org, user, dry_run, as_json, confirm_organisation=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp «{file}».")
        try:
            document = plan_check_upload(
                data=path.read_bytes(), filename=path.name, max_bytes=settings.UPLOAD_MAX_BYTES
            )
        except AppError as exc:
            raise CommandError(exc.message) from exc
        if as_json:
            self.stdout.write(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
        if dry_run:
            if not as_json:
                self._summary(document)
            return
        if not org:
            raise CommandError("Hãy cho biết đơn vị nhận kế hoạch: --org MÃ_ĐƠN_VỊ (hoặc dùng --dry-run).")
        organisation = Organisation.objects.filter(code=org).first()
        if organisation is None:
            raise CommandError(f"Không có đơn vị mã «{org}».")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản «{user}».")
            require(actor, IMPORT_PLAN, organisation)
        flag = document_organisation_flag(document=document, organisation=organisation)
        if flag is not None and not confirm_organisation:
            raise CommandError(f"{flag.message} Thêm --confirm-organisation để vẫn lưu.")
        plan = plan_create_from_document(
            organisation=organisation, document=document, actor=actor, filename=path.name
        )
        if not as_json:
            self._summary(document)
            self.stdout.write(
                self.style.SUCCESS(f"Đã lưu {plan} vào {organisation.name} (mã kế hoạch {plan.pk}).")
            )

    def _summary(self, document):
        self.stdout.write(
            f"Số: {document.number} — {document.place}, {document.date:%d/%m/%Y}"
            if document.date
            else f"Số: {document.number}"
        )
        self.stdout.write(
            f"Căn cứ: {len(document.bases)}; chỉ tiêu: {len(document.targets)}; "
            f"nhóm nhiệm vụ: {len(document.task_groups)} "
            f"({', '.join(str(len(g.tasks)) for g in document.task_groups)} nhiệm vụ); "
            f"đơn vị thực hiện: {len(document.responsibilities)}; nơi nhận: {len(document.recipients)}"
        )
        for flag in document.flags:
            self.stdout.write(self.style.WARNING(f"Cần xác nhận: {flag.message}"))
        for warning in document.warnings:
            self.stdout.write(self.style.WARNING(f"Cảnh báo: {warning}"))
