"""Writes of the API app: issuing and revoking tokens, and importing figures sent by other systems."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from truyenthong.api import actions
from truyenthong.api.models import ApiToken
from truyenthong.core.audit import audit_create
from truyenthong.core.errors import AppError, InvalidInput
from truyenthong.core.permissions import can, require

TOKEN_PREFIX = "tt_"
MAX_FIGURE_ROWS = 5000


def hash_key(key: str) -> str:
    """The stored form of a token's secret (SHA-256: the secret is 256 random bits, a slow hash adds nothing)."""
    return hashlib.sha256(key.encode()).hexdigest()


def split_key(key: str) -> str | None:
    """The lookup prefix of a presented key, or None when it is not shaped like one of ours."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = key[len(TOKEN_PREFIX) :].partition("_")
    if len(prefix) != 8 or not secret:
        return None
    return prefix


@transaction.atomic
def api_token_issue(*, actor, user, organisation, name: str) -> tuple[ApiToken, str]:
    """Issue a token acting as `user` within `organisation`; returns the token and its secret (shown once).

    Leadership issues tokens for accounts of their school (a "school system" account or themselves); anyone may
    issue one for their own account, narrowed to an organisation they hold a role on.
    """
    name = (name or "").strip()
    if not name:
        raise InvalidInput("Hãy đặt tên cho mã truy cập (ví dụ: tên hệ thống sẽ dùng nó).")
    if organisation is None:
        raise InvalidInput("Hãy chọn đơn vị mà mã truy cập được phép dùng.")
    if user.pk != actor.pk:
        require(actor, actions.TOKENS, organisation)
    elif not any(organisation.is_within(a.organisation) for a in user.role_assignments.all()) and not (
        user.is_superuser
    ):
        raise InvalidInput("Tài khoản này không có vai trò nào tại đơn vị đã chọn.")
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 32 bits: a clash is rare, never silent
        prefix = secrets.token_hex(4)
    key = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name[:120],
        user=user,
        organisation=organisation,
        prefix=prefix,
        key_hash=hash_key(key),
        created_by=actor,
    )
    audit_create(actor=actor, instance=token, organisation=organisation)
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not can(actor, actions.TOKENS, token.organisation):
        require(actor, actions.TOKENS, token.organisation)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# --- figures from other systems ----------------------------------------------------------------------------------


@dataclass
class FigureError:
    row: int
    field: str
    message: str


@dataclass
class FigureImportResult:
    saved: int = 0
    errors: list[FigureError] = field(default_factory=list)


def _number(raw, row: int, name: str, errors: list[FigureError]):
    if raw is None or raw == "":
        return None
    try:
        number = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        errors.append(FigureError(row, name, f"'{raw}' không phải là số."))
        return None
    if not number.is_finite():
        errors.append(FigureError(row, name, f"'{raw}' không phải là số."))
        return None
    return number


def figures_import(*, actor, rows: list[dict], token_scope=None) -> FigureImportResult:
    """Save hand-entered indicator values sent by another system: all rows or none.

    Each row: indicator (id), period (key such as "2026-2027" or "2026-2027-HK1"), unit (code, optional),
    numerator/denominator or value, evidence_link, note. Every row goes through the same service and the same
    permission checks as the entry page; the first error of each row is reported with its row number (1-based) and
    field, and nothing is written when any row fails.
    """
    from truyenthong.indicators import actions as indicator_actions
    from truyenthong.indicators.models import Indicator
    from truyenthong.indicators.services import manual_entry_save
    from truyenthong.org.models import Organisation
    from truyenthong.records.selectors import units_user_may

    result = FigureImportResult()
    if not isinstance(rows, list) or not rows:
        raise InvalidInput("Không có dòng số liệu nào ('rows' phải là một danh sách không rỗng).")
    if len(rows) > MAX_FIGURE_ROWS:
        raise InvalidInput(f"Mỗi lần gửi tối đa {MAX_FIGURE_ROWS} dòng.")
    ids = {r.get("indicator") for r in rows if isinstance(r, dict)}
    indicators = {
        i.pk: i
        for i in Indicator.objects.select_related("school").filter(
            pk__in=[x for x in ids if type(x) is int and 0 < x < 10**18]
        )
    }

    class _Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=1):
                if not isinstance(row, dict):
                    result.errors.append(FigureError(number, "", "Mỗi dòng phải là một đối tượng JSON."))
                    continue
                indicator = indicators.get(row.get("indicator"))
                if indicator is None or not can(actor, indicator_actions.VIEW, indicator.school):
                    result.errors.append(FigureError(number, "indicator", "Không tìm thấy chỉ số này."))
                    continue
                school = indicator.school
                if token_scope is not None and not school.is_within(token_scope):
                    result.errors.append(
                        FigureError(number, "indicator", "Mã truy cập không được dùng cho trường này.")
                    )
                    continue
                if not can(actor, indicator_actions.ENTER, school):
                    result.errors.append(
                        FigureError(number, "indicator", "Bạn không có quyền nhập số liệu cho chỉ số này.")
                    )
                    continue
                unit = None
                unit_code = (row.get("unit") or "").strip() if isinstance(row.get("unit"), str) else ""
                if unit_code:
                    unit = Organisation.objects.filter(code=unit_code, path__startswith=school.path).first()
                    if unit is None or unit.pk == school.pk:
                        result.errors.append(
                            FigureError(number, "unit", f"Trường không có đơn vị mã '{unit_code}'.")
                        )
                        continue
                allowed = units_user_may(actor, indicator_actions.ENTER, school)
                if allowed is not None and (unit is None or unit.pk not in {u.pk for u in allowed}):
                    result.errors.append(
                        FigureError(number, "unit", "Bạn chỉ nhập số liệu cho đơn vị của mình.")
                    )
                    continue
                errors: list[FigureError] = []
                numerator = _number(row.get("numerator"), number, "numerator", errors)
                denominator = _number(row.get("denominator"), number, "denominator", errors)
                value = _number(row.get("value"), number, "value", errors)
                if errors:
                    result.errors.extend(errors)
                    continue
                try:
                    with transaction.atomic():
                        manual_entry_save(
                            indicator=indicator,
                            period_key=str(row.get("period") or ""),
                            unit=unit,
                            actor=actor,
                            numerator=numerator,
                            denominator=denominator,
                            value=value,
                            evidence_link=str(row.get("evidence_link") or ""),
                            note=str(row.get("note") or ""),
                        )
                except AppError as exc:
                    for message in exc.errors or [exc.message]:
                        result.errors.append(FigureError(number, "", message))
                    continue
                result.saved += 1
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.saved = 0
        return result
    # Every saved row announced its school's data changed once the batch committed; the refresh path
    # (indicators/refresh.py) coalesces them into one recomputation per school.
    return result
