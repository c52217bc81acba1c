"""The session store that reads with plain SQL keeps Django's behaviour: a saved session is read back, an expired or
unknown key reads as empty and is replaced by a new key when saved, never reused."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from truyenthong.core.sessions import SessionStore


def test_the_engine_in_use_is_this_store_without_redis():
    assert settings.SESSION_ENGINE in (
        "truyenthong.core.sessions",
        "django.contrib.sessions.backends.cached_db",
    )


def test_a_saved_session_reads_back_and_an_expired_one_reads_empty(db):
    store = SessionStore()
    store["contest-participant-7"] = 42
    store.save()
    key = store.session_key
    assert SessionStore(key)["contest-participant-7"] == 42

    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.get("contest-participant-7") is None
    expired["x"] = 1
    expired.save()
    assert expired.session_key != key  # an expired key is not brought back to life


def test_an_unknown_or_malformed_key_reads_empty(db):
    assert dict(SessionStore("a" * 32).items()) == {}
    assert dict(SessionStore("not a key; DROP TABLE django_session").items()) == {}
    assert Session.objects.count() == 0
