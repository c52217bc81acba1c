"""`truyenthong privacy-register`: print the register of personal data as a Markdown table (for the README)."""

from django.core.management.base import BaseCommand

from truyenthong.privacy.register import register_markdown


class Command(BaseCommand):
    help = "In danh mục dữ liệu cá nhân (bảng Markdown, dùng cho README)."

    def handle(self, *args, **options):
        self.stdout.write(register_markdown())
