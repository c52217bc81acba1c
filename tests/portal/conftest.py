"""The public section is tested on the same fixtures as the content pipeline."""

from tests.content.conftest import (  # noqa: F401
    _fresh_portal_memory,
    future,
    make_item,
    png,
    section,
)
