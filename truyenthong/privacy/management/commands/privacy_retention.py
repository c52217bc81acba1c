"""`truyenthong privacy-retention [--dry-run]`: anonymise personal data past its retention period (idempotent)."""

import json

from django.core.management.base import BaseCommand

from truyenthong.privacy.register import CATEGORIES, retention_text
from truyenthong.privacy.services import retention_run


class Command(BaseCommand):
    help = "Ẩn danh dữ liệu cá nhân đã quá thời hạn lưu trữ (chạy lại không làm gì thêm); --dry-run chỉ đếm."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không thay đổi dữ liệu")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON (cho máy đọc)")

    def handle(self, *args, dry_run, **options):
        counts = retention_run(dry_run=dry_run)
        if options["json"]:
            self.stdout.write(_dumps({"dry_run": dry_run, "counts": counts}))
            return
        verb = "Sẽ xử lý" if dry_run else "Đã xử lý"
        for key, count in counts.items():
            self.stdout.write(f"{verb} {count:>5} — {CATEGORIES[key].label} (lưu {retention_text(key)})")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
