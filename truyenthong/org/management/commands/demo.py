"""`truyenthong demo`: build the demo school (idempotent) and print the demo logins; optionally synthetic schools."""

from django.core.management.base import BaseCommand

from truyenthong.org import demo


class Command(BaseCommand):
    help = "Tạo trường mẫu từ kế hoạch 35/KH-CLQĐ (chạy lại không tạo trùng); --schools N tạo thêm trường tổng hợp."

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=0, help="số trường tổng hợp thêm (benchmark)")
        parser.add_argument("--staff-per-school", type=int, default=85, help="số cán bộ mỗi trường tổng hợp")
        parser.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên")

    def handle(self, *args, schools, staff_per_school, seed, **options):
        school = demo.build_demo()
        if schools:
            made = demo.build_synthetic(schools=schools, staff_per_school=staff_per_school, seed=seed)
            self.stdout.write(f"Đã có {len(made)} trường tổng hợp, mỗi trường {staff_per_school} cán bộ.")
        self.stdout.write(self.style.SUCCESS(f"Trường mẫu: {school.name}"))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {demo.DEMO_PASSWORD}):")
        for username, label, _role in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {label}")
