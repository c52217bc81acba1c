"""`truyenthong backup FILE`: the database and every media file in one archive (.tar.gz or .zip) with a manifest."""

from django.core.management.base import BaseCommand, CommandError

from truyenthong.privacy.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và toàn bộ tệp media vào một tệp (.tar.gz hoặc .zip)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu, ví dụ /var/backups/truyenthong-$(date +%%F).tar.gz")

    def handle(self, *args, file, **options):
        try:
            manifest = backup_create(file)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {file}: {len(manifest['tables'])} bảng, {manifest['rows']} dòng, "
                f"{len(manifest['media'])} tệp media ({manifest['media_bytes']} byte)."
            )
        )
