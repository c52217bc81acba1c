"""A task for the worker tests: it says it started, then waits until the test releases it (a file appears)."""

import time
from pathlib import Path

from django.tasks import task


@task()
def wait_for_release(release_path: str) -> str:
    release = Path(release_path)
    release.with_suffix(".started").write_text("started")
    while not release.exists():
        time.sleep(0.05)
    return "released"
