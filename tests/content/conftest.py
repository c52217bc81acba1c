"""Content fixtures: a public section of the test school and a helper that walks an item through the workflow."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest


@pytest.fixture
def section(world):
    from truyenthong.content.services import section_create

    return section_create(
        school=world.school,
        actor=world.users["principal"],
        title="Nghị quyết 71",
        slug="nghi-quyet-71",
        description="Truyền thông Nghị quyết 71-NQ/TW.",
    )


@pytest.fixture
def make_item(world, section):
    """make_item(title, status="published", publish_at=None, **fields) → an item moved to that status."""
    from truyenthong.content import services

    def make(
        title="Giáo dục và đào tạo là quốc sách hàng đầu", status="published", publish_at=None, **fields
    ):
        fields.setdefault("summary", "Tóm tắt: " + title)
        fields.setdefault("body", "<p>Nội dung bài viết về " + title + ".</p>")
        fields.setdefault("section", section)
        item = services.item_create(school=world.school, actor=world.users["comms"], title=title, **fields)
        steps = {
            "draft": [],
            "submitted": ["submit"],
            "approved": ["submit", "approve"],
            "published": ["submit", "approve", "publish"],
            "archived": ["submit", "approve", "publish", "archive"],
        }
        for action in steps[status]:
            actor = world.users["comms"] if action == "submit" else world.users["principal"]
            item = services.item_transition(
                item=item,
                actor=actor,
                action=action,
                expected_version=item.version,
                publish_at=publish_at if action == "publish" else None,
            )
        return item

    return make


def png_bytes(size=(800, 600), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def png():
    return png_bytes


@pytest.fixture
def future():
    from django.utils import timezone

    return timezone.now() + dt.timedelta(days=3)


@pytest.fixture(autouse=True)
def _fresh_portal_memory():
    """Views gathered in memory and cached pages belong to one test: ids and keys repeat across test databases."""
    from django.core.cache import cache

    from truyenthong.content import services

    services._views.clear()
    cache.clear()
    yield
    services._views.clear()
