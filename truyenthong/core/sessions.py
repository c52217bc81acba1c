"""Django's database sessions, read with one plain SELECT (SESSION_ENGINE = "truyenthong.core.sessions").

Every request of a signed-in user or a contest participant reads its session before anything else. Django's own
store builds that query through the ORM on each request, which is a good part of a request that does little else
(saving an answer in a contest round: 3,000 participants, twenty answers each). This store sends the same SELECT
(the key, not expired) as written SQL; writing, expiry, cycling keys and `clearsessions` stay Django's. With
REDIS_URL the cached_db engine is used instead, which reads from Redis first.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # unknown or expired: a new key is made when the session is saved
            return None
        return model(session_key=self.session_key, session_data=row[0])
