"""`truyenthong api-token --user NAME --org CODE --name "Hệ thống quản lý trường học"`: issue an API token.

The operator's way to connect another system: the token acts as the account given (create a dedicated account with
the roles the system needs), narrowed to the organisation. The secret is printed once; only its hash is stored.
`--revoke PREFIX` revokes a token.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from truyenthong.api.models import ApiToken
from truyenthong.api.services import api_token_issue, api_token_revoke
from truyenthong.core.errors import AppError
from truyenthong.org.models import Organisation


class Command(BaseCommand):
    help = "Cấp (hoặc thu hồi với --revoke) mã truy cập API cho một tài khoản trong một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="tài khoản mà mã truy cập đại diện")
        parser.add_argument("--org", help="mã đơn vị giới hạn phạm vi (trường hoặc Sở)")
        parser.add_argument("--name", help="tên hệ thống dùng mã")
        parser.add_argument("--revoke", metavar="PREFIX", help="thu hồi mã có tiền tố này")

    def handle(self, *args, user, org, name, revoke, **options):
        if revoke:
            token = ApiToken.objects.filter(prefix=revoke).first()
            if token is None:
                raise CommandError(f"Không có mã truy cập tiền tố «{revoke}».")
            api_token_revoke(actor=token.user, token=token)
            self.stdout.write(f"Đã thu hồi mã {token.prefix}… ({token.name}).")
            return
        account = get_user_model().objects.filter(username=user or "").first()
        if account is None:
            raise CommandError(f"Không có tài khoản «{user}».")
        organisation = Organisation.objects.filter(code=org or "").first()
        if organisation is None:
            raise CommandError(f"Không có đơn vị mã «{org}».")
        try:
            token, key = api_token_issue(
                actor=account, user=account, organisation=organisation, name=name or ""
            )
        except AppError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(key)
        self.stderr.write(
            f"Mã truy cập «{token.name}» cho {account.username} tại {organisation.name}. Hãy lưu lại: mã chỉ hiện một lần."
        )
