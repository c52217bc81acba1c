"""`truyenthong backup FILE` / `truyenthong restore FILE`: the demo goes out and comes back, every row and file.

Runs on the database the suite runs on: SQLite by default (online backup API), PostgreSQL with DATABASE_URL
(pg_dump / pg_restore).
"""

import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from truyenthong.privacy.backup import media_files, table_counts


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def _empty_the_installation(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for child in media.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


@pytest.mark.django_db(transaction=True)
def test_the_demo_round_trips_with_every_row_and_every_file(media, tmp_path, capsys):
    from truyenthong.org import demo

    demo.build_demo()
    private = media / "private" / "activities" / "1"
    private.mkdir(parents=True, exist_ok=True)
    (private / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bien ban " * 100)
    rows, files = table_counts(), media_files()
    assert rows["org_person"] >= 90 and len(files) >= 2
    archive = tmp_path / "sao-luu.tar.gz"

    call_command("backup", str(archive))
    assert "Đã sao lưu" in capsys.readouterr().out
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["tables"] == rows and manifest["media"] == files
    assert manifest["engine"] in {"sqlite", "postgresql"} and manifest["created_at"]
    assert {f"media/{rel}" for rel in files} <= names

    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive))

    _empty_the_installation(media)
    assert table_counts()["org_person"] == 0 and media_files() == {}
    call_command("restore", str(archive))
    assert "khớp bản sao lưu" in capsys.readouterr().out
    assert table_counts() == rows
    assert media_files() == files

    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="hieutruong").check_password("truyenthong2026")


@pytest.mark.django_db(transaction=True)
def test_a_zip_archive_round_trips_and_force_overwrites_a_changed_installation(world, media, tmp_path):
    from truyenthong.org.services import person_create

    (media / "content").mkdir()
    (media / "content" / "anh.png").write_bytes(b"\x89PNG anh")
    rows, files = table_counts(), media_files()
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))
    assert zipfile.is_zipfile(archive)
    person_create(school=world.school, code="GV777", full_name="Người thêm sau sao lưu")
    (media / "thua.txt").write_text("tệp thêm sau")
    call_command("restore", str(archive), "--force")
    assert table_counts() == rows and media_files() == files


def _rewrite(archive: Path, out: Path, change) -> None:
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for info in src:
            data = src.extractfile(info).read() if info.isfile() else b""
            info, data = change(info, data)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_a_damaged_or_hostile_archive_is_refused_before_anything_changes(world, media, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive))
    rows = table_counts()

    damaged = tmp_path / "hong.tar.gz"
    _rewrite(archive, damaged, lambda i, d: (i, d + b"x" if i.name.startswith("database/") else d))
    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("restore", str(damaged), "--force")

    def escape(info, data):
        if info.name.startswith("database/"):
            info.name = "../../ngoai.txt"
        return info, data

    hostile = tmp_path / "doc.tar.gz"
    _rewrite(archive, hostile, escape)
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("restore", str(hostile), "--force")
    assert not (tmp_path.parent / "ngoai.txt").exists()

    junk = tmp_path / "rac.tar.gz"
    junk.write_bytes(b"khong phai tep nen")
    with pytest.raises(CommandError, match="tệp hỏng"):
        call_command("restore", str(junk))
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("restore", str(tmp_path / "khong-co.tar.gz"))
    assert table_counts() == rows


def test_a_backup_into_a_missing_folder_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="không tồn tại"):
        call_command("backup", str(tmp_path / "khong-co" / "sao-luu.tar.gz"))
    with pytest.raises(CommandError, match="là một thư mục"):
        call_command("backup", str(tmp_path))
