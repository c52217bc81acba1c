"""Evidence files of hand-entered values stored before names were made private: move them to unguessable names.

Until migration 0002 an evidence file was saved as `indicators/evidence/<year>/<the uploader's file name>`, a name
anyone could guess and `/media/` served. `move_public_evidence` (run by migration 0004, so by `truyenthong migrate`)
moves each such file to a fresh `private/indicators/evidence/<year>/<random>.<ext>` name and points the row at it.
It is idempotent: a file already private, empty or missing on disk is left as it is, so running it again does
nothing. The download keeps its readable name: the view builds it from the indicator, never from the stored name.
"""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage

from truyenthong.core.filenames import stored_name

log = logging.getLogger(__name__)
AREA = "indicators/evidence"


def move_public_evidence(ManualEntry, *, storage=None) -> int:
    """Move every public evidence file of `ManualEntry` (the model, or the historical one in a migration); returns
    how many rows were moved. The old file is deleted once its row points at the new one."""
    storage = storage or default_storage
    moved = 0
    for entry in ManualEntry.objects.exclude(evidence_file="").iterator():
        old = entry.evidence_file.name
        if not old or old.startswith("private/"):
            continue
        if not storage.exists(old):
            log.warning("evidence file %s of manual entry %s is missing; left as it is", old, entry.pk)
            continue
        with storage.open(old, "rb") as handle:
            new = storage.save(stored_name(AREA, old), handle)
        ManualEntry.objects.filter(pk=entry.pk).update(evidence_file=new)
        storage.delete(old)
        moved += 1
    return moved
