"""The public section is tested on the same fixtures as the content pipeline."""

from tests.content.conftest import *  # noqa: F403
