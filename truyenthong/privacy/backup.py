"""One-file backups: the database (SQLite online backup API, or pg_dump) and every media file, with a manifest.

Archive layout (.tar.gz, or .zip when the file name says so):
    manifest.json            format, version, date, engine, rows per table, SHA-256 of the database and every file
    database/db.sqlite3      (SQLite) a consistent copy made with sqlite3.Connection.backup while the app runs
    database/db.dump         (PostgreSQL) pg_dump custom format, taken in the same snapshot as the row counts
    media/<path>             every file under MEDIA_ROOT

Restore refuses an installation that already holds data (an account, an organisation or a media file) unless
forced, checks every checksum, and compares the rows of every table with the manifest before it reports success.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, connections

from truyenthong.core.errors import AppError

FORMAT = 1
DB_SQLITE = "database/db.sqlite3"
DB_POSTGRES = "database/db.dump"


class BackupError(AppError):
    """A backup or a restore could not be done; nothing was changed (or the message says what was)."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _version() -> str:
    try:
        return metadata.version("truyenthong")
    except metadata.PackageNotFoundError:
        return "0"


def table_counts(cursor=None) -> dict[str, int]:
    """Rows of every table of the database (including Django's own)."""
    own = cursor is None
    cursor = cursor or connection.cursor()
    try:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 — names from introspection
            counts[name] = cursor.fetchone()[0]
        return counts
    finally:
        if own:
            cursor.close()


def media_files(root: Path | None = None) -> dict[str, dict]:
    """{relative posix path: {"sha256", "size"}} of every file under MEDIA_ROOT."""
    root = Path(root or settings.MEDIA_ROOT)
    found = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(root).as_posix()
            found[rel] = {"sha256": _sha256_file(path), "size": path.stat().st_size}
    return found


# ---------------------------------------------------------------- PostgreSQL tools


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(
            f"Không tìm thấy chương trình {name}: hãy cài gói postgresql-client (sudo apt-get install postgresql-client)."
        )
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    tool_major = int(match.group(1)) if match else 0
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if tool_major < server_major:
        raise BackupError(
            f"{name} phiên bản {tool_major} cũ hơn máy chủ PostgreSQL {server_major}: "
            f"hãy cài postgresql-client-{server_major}."
        )
    return tool


def _pg_args() -> tuple[list[str], dict]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict, what: str) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)  # noqa: S603 — fixed program, no shell
    if done.returncode != 0:
        raise BackupError(f"{what} không thành công: {done.stderr.strip()[:500]}")


# ---------------------------------------------------------------- backup


def _dump_database(workdir: Path) -> tuple[str, Path, dict[str, int]]:
    """(archive name, file, rows per table), the counts taken from the same consistent state as the copy."""
    if _engine() == "sqlite":
        target = workdir / "db.sqlite3"
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        copy = sqlite3.connect(target)
        try:
            names = [
                r[0]
                for r in copy.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            counts = {n: copy.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in sorted(names)}  # noqa: S608
        finally:
            copy.close()
        return DB_SQLITE, target, counts
    tool = _pg_tool("pg_dump")
    args, env = _pg_args()
    target = workdir / "db.dump"
    # One REPEATABLE READ transaction exports its snapshot: pg_dump and the counts see exactly the same rows.
    with connection.cursor() as cursor:
        was_autocommit = connection.get_autocommit()
        connection.set_autocommit(False)
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = table_counts(cursor)
            _run(
                [
                    tool,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *args,
                ],
                env,
                "Sao lưu cơ sở dữ liệu (pg_dump)",
            )
        finally:
            connection.rollback()
            connection.set_autocommit(was_autocommit)
    return DB_POSTGRES, target, counts


def backup_create(path: str | Path) -> dict:
    """Write the archive at `path` (.tar.gz or .zip) and return its manifest."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise BackupError(f"{path} là một thư mục; hãy cho tên tệp, ví dụ sao-luu.tar.gz.")
    if not path.parent.is_dir():
        raise BackupError(f"Thư mục {path.parent} không tồn tại; hãy tạo nó trước khi sao lưu.")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="truyenthong-backup-") as tmp:
        member, db_file, counts = _dump_database(Path(tmp))
        media = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "app": "truyenthong",
            "version": _version(),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": _engine(),
            "database": {"file": member, "sha256": _sha256_file(db_file), "size": db_file.stat().st_size},
            "tables": counts,
            "rows": sum(counts.values()),
            "media": media,
            "media_bytes": sum(m["size"] for m in media.values()),
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        partial = path.with_name(path.name + ".partial")
        files = [(member, db_file)] + [(f"media/{rel}", media_root / rel) for rel in media]
        if path.suffix == ".zip":
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("manifest.json", data)
                for name, source in files:
                    archive.write(source, name)
        else:
            with tarfile.open(partial, "w:gz") as archive:
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
                for name, source in files:
                    archive.add(source, name, recursive=False)
        partial.replace(path)  # the archive appears whole or not at all
    return manifest


# ---------------------------------------------------------------- restore


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return (
        not p.is_absolute()
        and ".." not in p.parts
        and (name == "manifest.json" or p.parts[0] in {"database", "media"})
    )


def _extract(path: Path, into: Path) -> dict:
    """Unpack regular files only, refusing any name that would land outside `into`; return the manifest."""
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if info.is_dir():
                        continue
                    if not _safe_name(info.filename):
                        raise BackupError(f"Tệp sao lưu chứa đường dẫn không hợp lệ: {info.filename}")
                    target = into / info.filename
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
        else:
            with tarfile.open(path, "r:*") as archive:
                for info in archive:
                    if info.isdir():
                        continue
                    if not info.isfile() or not _safe_name(info.name):
                        raise BackupError(f"Tệp sao lưu chứa mục không hợp lệ: {info.name}")
                    target = into / info.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(info) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise BackupError(
            f"Không đọc được tệp sao lưu {path.name}: tệp hỏng hoặc không phải .tar.gz/.zip."
        ) from exc
    manifest_path = into / "manifest.json"
    if not manifest_path.exists():
        raise BackupError("Tệp sao lưu không có manifest.json: không phải bản sao lưu của truyenthong.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("app") != "truyenthong" or manifest.get("format") != FORMAT:
        raise BackupError("Tệp sao lưu không phải định dạng truyenthong này hỗ trợ.")
    return manifest


def installation_holds_data() -> list[str]:
    """What makes this installation non-empty (accounts, organisations, media files); [] when empty."""
    from django.contrib.auth import get_user_model

    from truyenthong.org.models import Organisation

    found = []
    tables = set(connection.introspection.table_names())
    if get_user_model()._meta.db_table in tables and get_user_model().objects.exists():
        found.append(f"{get_user_model().objects.count()} tài khoản")
    if Organisation._meta.db_table in tables and Organisation.objects.exists():
        found.append(f"{Organisation.objects.count()} đơn vị")
    media_root = Path(settings.MEDIA_ROOT)
    files = sum(1 for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else 0
    if files:
        found.append(f"{files} tệp trong thư mục media")
    return found


def _restore_database(manifest: dict, db_file: Path) -> None:
    for conn in connections.all():
        conn.close()
    if manifest["engine"] == "sqlite":
        source = sqlite3.connect(db_file)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    tool = _pg_tool("pg_restore")
    args, env = _pg_args()
    connection.close()
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            str(db_file),
        ],
        env,
        "Khôi phục cơ sở dữ liệu (pg_restore)",
    )


def restore(path: str | Path, *, force: bool = False) -> dict:
    """Restore the archive into this installation; return {"tables": n, "rows": n, "files": n}."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="truyenthong-restore-") as tmp:
        tmp = Path(tmp)
        manifest = _extract(path, tmp)
        if manifest["engine"] != _engine():
            raise BackupError(
                f"Bản sao lưu là của {manifest['engine']}, còn cài đặt này dùng {_engine()}: hãy khôi phục vào cùng loại cơ sở dữ liệu."
            )
        held = installation_holds_data()
        if held and not force:
            raise BackupError(
                "Cài đặt này đã có dữ liệu (" + ", ".join(held) + "); chỉ khôi phục vào cài đặt trống, "
                "hoặc chạy lại với --force để ghi đè toàn bộ."
            )
        db_file = tmp / manifest["database"]["file"]
        if not db_file.exists() or _sha256_file(db_file) != manifest["database"]["sha256"]:
            raise BackupError(
                "Tệp cơ sở dữ liệu trong bản sao lưu bị hỏng (sai mã kiểm tra); chưa thay đổi gì."
            )
        for rel, info in manifest["media"].items():
            source = tmp / "media" / rel
            if not source.exists() or _sha256_file(source) != info["sha256"]:
                raise BackupError(f"Tệp {rel} trong bản sao lưu bị hỏng hoặc thiếu; chưa thay đổi gì.")
        _restore_database(manifest, db_file)
        media_root = Path(settings.MEDIA_ROOT)
        if force and media_root.exists():
            for child in media_root.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        for rel in manifest["media"]:
            target = media_root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tmp / "media" / rel, target)
    counts = table_counts()
    wrong = [
        f"{table}: {manifest['tables'][table]} → {counts.get(table)}"
        for table in manifest["tables"]
        if counts.get(table) != manifest["tables"][table]
    ]
    if wrong:
        raise BackupError("Số dòng sau khi khôi phục không khớp bản sao lưu: " + "; ".join(wrong[:10]))
    files = media_files()
    missing = [
        rel for rel, info in manifest["media"].items() if files.get(rel, {}).get("sha256") != info["sha256"]
    ]
    if missing:
        raise BackupError("Tệp media sau khi khôi phục không khớp: " + ", ".join(missing[:10]))
    return {"tables": len(counts), "rows": sum(counts.values()), "files": len(files)}
