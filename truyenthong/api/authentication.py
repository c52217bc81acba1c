"""Token authentication for the API: `Authorization: Bearer tt_…` (or `Token tt_…`)."""

from __future__ import annotations

import hmac

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from truyenthong.api.models import ApiToken
from truyenthong.api.services import hash_key, split_key

LAST_USED_GRANULARITY_S = 300  # write last_used_at at most every five minutes per token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Tiêu đề Authorization không đúng dạng 'Bearer <mã>'.")
        key = header[1]
        prefix = split_key(key)
        token = (
            ApiToken.objects.select_related("user", "organisation").filter(prefix=prefix).first()
            if prefix
            else None
        )
        if token is None or not hmac.compare_digest(token.key_hash, hash_key(key)):
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Mã truy cập đã bị thu hồi.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Tài khoản của mã truy cập đã bị khóa.")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_GRANULARITY_S:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token scheme in the OpenAPI document (drf-spectacular finds it by class path)."""

    target_class = "truyenthong.api.authentication.ApiTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Mã truy cập dạng tt_…, cấp bởi lãnh đạo đơn vị",
        }
