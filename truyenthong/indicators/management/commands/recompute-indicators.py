"""`truyenthong recompute-indicators`: recompute every materialised indicator value (all schools, or some)."""

import time

from django.core.management.base import BaseCommand, CommandError

from truyenthong.indicators.services import indicators_recompute
from truyenthong.org.models import Organisation


class Command(BaseCommand):
    help = "Tính lại toàn bộ giá trị chỉ số (mọi trường, hoặc các trường theo mã)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="mã trường (để trống: mọi trường)")

    def handle(self, *args, codes, **options):
        school_ids = None
        if codes:
            found = dict(Organisation.objects.filter(code__in=codes, kind="school").values_list("code", "id"))
            missing = sorted(set(codes) - set(found))
            if missing:
                raise CommandError(f"Không có trường mã: {', '.join(missing)}")
            school_ids = list(found.values())
        start = time.perf_counter()
        rows = indicators_recompute(school_ids=school_ids)
        self.stdout.write(
            self.style.SUCCESS(f"Đã tính {rows} giá trị chỉ số trong {time.perf_counter() - start:.2f} s.")
        )
