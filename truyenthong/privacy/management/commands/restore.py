"""`truyenthong restore FILE [--force]`: restore a backup into an empty installation, then check every row and file."""

from django.core.management.base import BaseCommand, CommandError

from truyenthong.privacy.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu vào cài đặt trống (--force: ghi đè cài đặt đang có dữ liệu)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp do `truyenthong backup` tạo")
        parser.add_argument("--force", action="store_true", help="ghi đè cả khi cài đặt đã có dữ liệu")

    def handle(self, *args, file, force, **options):
        try:
            result = restore(file, force=force)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {file}: {result['tables']} bảng, {result['rows']} dòng, {result['files']} tệp media — khớp bản sao lưu."
            )
        )
