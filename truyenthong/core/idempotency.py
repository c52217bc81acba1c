"""A form is saved once: every rendered form carries a one-time key, and a second POST with it is not run again.

The key is claimed by inserting it into a table with a unique constraint before the view runs (the database, not a
per-process cache, decides, so two web processes agree). When the view answers with a redirect (the form was saved),
the redirect target is kept: a repeated submission (a double click, a reload) is sent there with a note instead of
saving twice. When the view answers otherwise (errors shown, a failure), the key is released so the same page may be
sent again. A repeat that arrives while the first is still running waits for it briefly.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone

FORM_KEY_FIELD = "_form_key"
KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1
KEEP_FOR = timedelta(days=2)
ALREADY_SAVED = "Biểu mẫu này đã được gửi và lưu một lần; lần gửi lặp lại không tạo thêm bản ghi."


def _claim(request, key: str) -> bool:
    from truyenthong.core.models import FormSubmission

    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key, user=user, path=request.path[:500])
    except IntegrityError:
        return False
    return True


def _wait_for_first(key: str):
    """The location the first submission redirected to, '' if it was released, None if still running."""
    from truyenthong.core.models import FormSubmission

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        row = FormSubmission.objects.filter(key=key).values("location").first()
        if row is None:
            return ""
        if row["location"]:
            return row["location"]
        if time.monotonic() >= deadline:
            return None
        time.sleep(POLL_SECONDS)


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.POST.get(FORM_KEY_FIELD, "") if request.method == "POST" else ""
        if not KEY_PATTERN.match(key):
            return self.get_response(request)
        return self._handle(request, key, retry=True)

    def _handle(self, request, key: str, *, retry: bool):
        from truyenthong.core.models import FormSubmission

        if not _claim(request, key):
            location = _wait_for_first(key)
            if location:
                messages.info(request, ALREADY_SAVED)
                return redirect(location)
            if location == "" and retry:
                return self._handle(request, key, retry=False)
            return render(request, "core/form_pending.html", status=409)
        try:
            response = self.get_response(request)
        except BaseException:
            FormSubmission.objects.filter(key=key).delete()
            raise
        if 300 <= response.status_code < 400 and response.get("Location"):
            FormSubmission.objects.filter(key=key).update(location=response["Location"][:1000])
            FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
        else:
            FormSubmission.objects.filter(key=key).delete()
        return response
