"""Images, videos and attachments: the file's real type, its size, and what is kept of an image."""

from io import BytesIO

import pytest
from django.test import override_settings
from PIL import Image

from truyenthong.content import services
from truyenthong.core.errors import InvalidInput


def test_a_cover_image_is_resized_reencoded_and_given_a_thumbnail(world, section, png):
    item = services.item_create(
        school=world.school,
        actor=world.users["comms"],
        title="Ảnh lớn",
        section=section,
        cover=("anh-bia.png", png(size=(3000, 1500))),
    )
    with item.cover_image.open("rb") as f:
        cover = Image.open(BytesIO(f.read()))
        assert cover.format == "JPEG" and max(cover.size) == 1600
    with item.cover_thumb.open("rb") as f:
        thumb = Image.open(BytesIO(f.read()))
        assert thumb.size == (480, 320)


def test_gps_and_other_metadata_are_dropped_from_photos(world, section):
    image = Image.new("RGB", (400, 300), (10, 120, 10))
    exif = image.getexif()
    exif[0x010F] = "Máy ảnh của giáo viên"  # Make
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    item = services.item_create(
        school=world.school,
        actor=world.users["comms"],
        title="Ảnh có EXIF",
        section=section,
        cover=("anh.jpg", out.getvalue()),
    )
    with item.cover_image.open("rb") as f:
        assert not Image.open(BytesIO(f.read())).getexif()


def test_a_text_file_renamed_to_jpg_is_refused(world, section):
    with pytest.raises(InvalidInput, match="đổi đuôi"):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Giả ảnh",
            section=section,
            cover=("anh.jpg", b"day khong phai la anh " * 20),
        )


def test_a_pdf_renamed_to_png_is_refused(world, section):
    with pytest.raises(InvalidInput):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Giả ảnh",
            section=section,
            cover=("anh.png", b"%PDF-1.7 fake"),
        )


@override_settings(UPLOAD_MAX_BYTES=50_000)
def test_an_oversized_image_is_refused(world, section):
    noisy = Image.effect_noise((600, 600), 80).convert("RGB")
    out = BytesIO()
    noisy.save(out, format="PNG")
    assert len(out.getvalue()) > 50_000
    with pytest.raises(InvalidInput, match="quá lớn"):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Ảnh nặng",
            section=section,
            cover=("to.png", out.getvalue()),
        )


def test_a_truncated_image_is_refused_with_a_clear_message(world, section, png):
    with pytest.raises(InvalidInput, match="Không đọc được ảnh"):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Ảnh hỏng",
            section=section,
            cover=("hong.png", png()[:60]),
        )


def test_videos_are_checked_and_size_limited(world, section, monkeypatch):
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200
    item = services.item_create(
        school=world.school,
        actor=world.users["comms"],
        title="Video",
        section=section,
        video=("clip.mp4", mp4),
    )
    assert item.video_file.name.endswith(".mp4")
    with pytest.raises(InvalidInput):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Giả video",
            section=section,
            video=("clip.mp4", b"not a video at all"),
        )
    monkeypatch.setattr(services, "VIDEO_MAX_BYTES", 100)
    with pytest.raises(InvalidInput, match="quá lớn"):
        services.item_create(
            school=world.school,
            actor=world.users["comms"],
            title="Video to",
            section=section,
            video=("clip.mp4", mp4),
        )


def test_attachments_accept_documents_and_refuse_executables(world, make_item):
    item = make_item(status="draft")
    attachment = services.attachment_add(
        item=item, actor=world.users["comms"], name="tom-tat.pdf", data=b"%PDF-1.4\n%...\n"
    )
    assert attachment.size > 0
    with pytest.raises(InvalidInput):
        services.attachment_add(item=item, actor=world.users["comms"], name="virus.exe", data=b"MZ\x90\x00")
