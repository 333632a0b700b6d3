"""The backup archive: one gzip-compressed tar file, written under a temporary name and renamed when complete.

    manifest.json        what the archive holds (format, backend, Alembic revision, row count of every table)
    database.sqlite      SQLite: the database copied with the online backup API
    tables/<name>.copy   PostgreSQL: each table in COPY text format, all read in one snapshot
    files/...            the stored client files directory, when one is configured

Names are `zhangfang-<kind>-YYYYmmddTHHMMSSZ.tar.gz` (UTC); the retention policy only reads `nightly` ones.
Archives hold the whole book, so they are written readable by the owner only.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tarfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite"
TABLES_DIR = "tables/"
FILES_DIR = "files/"
NAME = re.compile(r"^zhangfang-(?P<kind>[a-z-]+)-(?P<stamp>\d{8}T\d{6}Z)\.tar\.gz$")
STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    """A backup cannot be taken, read or restored; the message says why (Chinese and English)."""


@dataclass
class Manifest:
    backend: str  # "sqlite" or "postgresql"
    revision: str | None  # the Alembic revision of the copied schema
    created_at: str  # ISO 8601, UTC
    tables: dict[str, int] = field(default_factory=dict)  # row counts, read in the same snapshot as the data
    columns: dict[str, list[str]] = field(default_factory=dict)  # PostgreSQL: each table's columns, in COPY order
    files: int | None = None  # how many stored client files are included (None: no files directory)
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("备份文件格式不受支持 (unsupported backup format)")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def archive_name(kind: str, moment: datetime) -> str:
    return f"zhangfang-{kind}-{moment.astimezone(UTC).strftime(STAMP)}.tar.gz"


def parse_name(path: Path) -> tuple[str, datetime] | None:
    """(kind, UTC moment) of an archive name, None for any other file."""
    found = NAME.match(path.name)
    if found is None:
        return None
    return found["kind"], datetime.strptime(found["stamp"], STAMP).replace(tzinfo=UTC)


class ArchiveWriter:
    """Writes members into `<target>.partial`, then renames it to `target` on `commit()`."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.partial = target.with_name(target.name + ".partial")
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self._file = os.fdopen(descriptor, "wb")
        self.tar = tarfile.open(fileobj=self._file, mode="w:gz", compresslevel=6)  # noqa: SIM115 (closed in commit)

    def add_bytes(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = int(datetime.now(UTC).timestamp())
        info.mode = 0o600
        self.tar.addfile(info, io.BytesIO(data))

    def add_file(self, name: str, path: Path) -> None:
        self.tar.add(str(path), arcname=name, recursive=False)

    def add_tree(self, prefix: str, root: Path) -> int:
        """Every regular file under `root` (symbolic links are not followed); returns how many."""
        count = 0
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                self.tar.add(str(path), arcname=prefix + path.relative_to(root).as_posix(), recursive=False)
                count += 1
        return count

    def commit(self) -> Path:
        self.tar.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.partial, self.target)
        return self.target

    def abort(self) -> None:
        for closing in (self.tar.close, self._file.close):
            with contextlib.suppress(OSError, tarfile.TarError):
                closing()
        self.partial.unlink(missing_ok=True)


def open_archive(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path} (no such backup file)")
    try:
        return tarfile.open(path, mode="r:gz")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"无法读取备份文件：{path.name} (not a readable backup: {exc})") from exc


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        member = None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"备份文件已损坏 (the backup is damaged: {exc})") from exc
    if member is None:
        raise BackupError("备份文件中没有清单 manifest.json (not a Zhangfang backup)")
    try:
        return Manifest.from_json(member.read())
    except (ValueError, TypeError) as exc:
        raise BackupError(f"备份清单无法读取 (the backup's manifest is damaged: {exc})") from exc
