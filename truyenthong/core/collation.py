"""Vietnamese alphabetical order in the database: ICU's "vi" collation on PostgreSQL, the same rules on SQLite.

`vi("name")` is an expression to order by: `Organisation.objects.order_by(vi("name"))`. PostgreSQL uses the
`vi_icu` collation created by core's migration 0004; SQLite uses a collation named `vi_icu` too, registered on each
new connection, that compares with `lib.vntext.sort_key` (the same order: Đ after D, tones in dictionary order).
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

from truyenthong.lib.vntext import sort_key

COLLATION = "vi_icu"


def vi(field: str):
    return Collate(F(field), COLLATION)


def vi_person(prefix: str = ""):
    """People in Vietnamese order: by given name, then middle and family name, on both databases.

    Orders by the person's `sort_name` ("Hoa Thị Nguyễn", kept by org.Person) with the Vietnamese collation;
    `prefix` reaches a person through a relation: `Attendance.objects.order_by(vi_person("person__"))`.
    """
    return Collate(F(f"{prefix}sort_name"), COLLATION)


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def connect() -> None:
    connection_created.connect(register_sqlite_collation, dispatch_uid="truyenthong-vi-collation")
