"""Cover images: checked (type, signature, size), re-encoded without metadata, resized, and given a thumbnail."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from truyenthong.core.errors import InvalidInput

MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
COVER_SIZE = (1600, 1600)
THUMB_SIZE = (480, 320)


def prepare_image(*, data: bytes, name: str) -> tuple[bytes, bytes, tuple[int, int]]:
    """(cover JPEG, thumbnail JPEG, cover size). Re-encoding drops EXIF, including any GPS position."""
    try:
        with Image.open(BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise InvalidInput(f"Ảnh «{name}» quá lớn ({width}×{height} điểm ảnh).")
            probe.verify()
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InvalidInput(f"Không đọc được ảnh «{name}»; tệp có thể bị hỏng.") from exc
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    cover = image.copy()
    cover.thumbnail(COVER_SIZE, Image.Resampling.LANCZOS)
    thumb = ImageOps.fit(image, THUMB_SIZE, Image.Resampling.LANCZOS)
    return _jpeg(cover, 85), _jpeg(thumb, 80), cover.size


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()
