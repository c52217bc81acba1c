"""Font files: Liberation Serif (Times New Roman metrics) and Liberation Sans from Debian's fonts-liberation2, the
version with Vietnamese glyphs (the older fonts-liberation lacks several of them)."""

from __future__ import annotations

import os
from pathlib import Path

FONT_DIR = Path(os.environ.get("TRUYENTHONG_FONT_DIR", "/usr/share/fonts/truetype/liberation2"))

SERIF = {
    "": FONT_DIR / "LiberationSerif-Regular.ttf",
    "B": FONT_DIR / "LiberationSerif-Bold.ttf",
    "I": FONT_DIR / "LiberationSerif-Italic.ttf",
    "BI": FONT_DIR / "LiberationSerif-BoldItalic.ttf",
}
SANS = {
    "": FONT_DIR / "LiberationSans-Regular.ttf",
    "B": FONT_DIR / "LiberationSans-Bold.ttf",
}


def missing() -> list[str]:
    return [str(p) for p in [*SERIF.values(), *SANS.values()] if not p.exists()]
