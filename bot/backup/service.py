"""Taking, verifying and restoring a backup of the configured database (and the stored client files)."""

from __future__ import annotations

import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import Engine

from bot.backup import postgres, sqlite
from bot.backup.archive import (
    FILES_DIR,
    SQLITE_MEMBER,
    TABLES_DIR,
    ArchiveWriter,
    BackupError,
    Manifest,
    archive_name,
    open_archive,
    read_manifest,
)
from bot.bootstrap import App
from bot.db import known_revision, upgrade, upgrade_to
from bot.schema import metadata


@dataclass
class BackupResult:
    path: Path
    manifest: Manifest
    seconds: float


@dataclass
class RestoreResult:
    manifest: Manifest
    safety: Path | None  # the backup of what the database held before the restore
    files_moved_to: Path | None  # where the files directory that was replaced now is


def backend(engine: Engine) -> str:
    return engine.dialect.name


def files_dir_of(app: App) -> Path | None:
    configured = getattr(app.settings, "files_dir", None)  # ZHANGFANG_FILES_DIR, when the client-files work lands
    return Path(configured) if configured else None


def take_backup(app: App, directory: Path | None = None, *, kind: str = "manual", files_dir: Path | None = None,
                now: datetime | None = None) -> BackupResult:
    """A consistent copy of the database (and `files_dir`, else the configured files directory), verified."""
    started = time.perf_counter()
    directory = Path(directory or app.settings.backup_dir)
    directory.mkdir(parents=True, exist_ok=True)
    files_dir = files_dir or files_dir_of(app)
    writer = ArchiveWriter(_free_name(directory, kind, now or datetime.now(UTC)))
    try:
        manifest = _write(app.engine, writer)
        if files_dir is not None and files_dir.is_dir():
            manifest.files = writer.add_tree(FILES_DIR, files_dir)
        writer.add_bytes("manifest.json", manifest.to_json())
        path = writer.commit()
    except BaseException:
        writer.abort()
        raise
    verify_backup(path)
    return BackupResult(path, manifest, time.perf_counter() - started)


def _free_name(directory: Path, kind: str, moment: datetime) -> Path:
    """The archive's path; a second backup within the same second is named one second on."""
    while (directory / archive_name(kind, moment)).exists():
        moment += timedelta(seconds=1)
    return directory / archive_name(kind, moment)


def _write(engine: Engine, writer: ArchiveWriter) -> Manifest:
    created = datetime.now(UTC).isoformat(timespec="seconds")
    if backend(engine) == "sqlite":
        with tempfile.TemporaryDirectory(prefix="zhangfang-backup-") as scratch:
            copy = Path(scratch) / SQLITE_MEMBER
            sqlite.copy_database(sqlite.database_path(engine), copy)
            tables = sqlite.check(copy, [t.name for t in metadata.sorted_tables] + ["alembic_version"])
            writer.add_file(SQLITE_MEMBER, copy)
            return Manifest("sqlite", sqlite.revision(copy), created, tables)
    if backend(engine) != "postgresql":
        raise BackupError(f"不支持备份此数据库 (cannot back up a {backend(engine)} database)")

    def add_table(name: str, data: IO[bytes], size: int) -> None:
        info = tarfile.TarInfo(TABLES_DIR + name + ".copy")
        info.size, info.mode, info.mtime = size, 0o600, int(time.time())
        writer.tar.addfile(info, data)

    counts, columns, revision = postgres.dump(engine, add_table)
    return Manifest("postgresql", revision, created, counts, columns)


def verify_backup(path: Path) -> Manifest:
    """Read the archive back: SQLite's copy passes `PRAGMA integrity_check` and holds the manifest's row counts;
    PostgreSQL's table files hold exactly the manifest's row counts; the files are all there."""
    with open_archive(path) as archive:
        manifest = read_manifest(archive)
        try:
            found = _count_members(archive, manifest)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"备份文件已损坏：{path.name} (the backup is damaged: {exc})") from exc
    if found["tables"] != manifest.tables:
        wrong = sorted(k for k in set(found["tables"]) | set(manifest.tables)
                       if found["tables"].get(k) != manifest.tables.get(k))
        raise BackupError(f"备份中的行数与清单不符：{', '.join(wrong)} (row counts differ from the manifest)")
    if found["files"] != (manifest.files or 0):
        raise BackupError("备份中的文件数与清单不符 (the number of stored files differs from the manifest)")
    return manifest


def _count_members(archive: tarfile.TarFile, manifest: Manifest) -> dict:
    tables: dict[str, int] = {}
    files = 0
    for member in archive:
        if member.name.startswith(FILES_DIR) and member.isfile():
            files += 1
        elif member.name.startswith(TABLES_DIR) and manifest.backend == "postgresql":
            tables[member.name[len(TABLES_DIR):].removesuffix(".copy")] = _count_lines(archive.extractfile(member))
        elif member.name == SQLITE_MEMBER and manifest.backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="zhangfang-verify-") as scratch:
                archive.extract(member, scratch, filter="data")
                tables = sqlite.check(Path(scratch) / SQLITE_MEMBER, list(manifest.tables))
    return {"tables": tables, "files": files}


def _count_lines(data: IO[bytes] | None) -> int:
    lines = 0
    while data is not None and (block := data.read(postgres.CHUNK)):
        lines += block.count(b"\n")
    return lines


def restore_backup(app: App, path: Path, *, files_dir: Path | None = None, safety_dir: Path | None = None,
                   safety: bool = True) -> RestoreResult:
    """Bring the backup at `path` back into the configured database, then migrate it up to this version.

    Refused (nothing changed) when the archive is damaged, comes from the other database kind, or from a newer
    schema than this code knows. Before anything is replaced, what the database holds is backed up
    (`pre-restore`), and a files directory being replaced is moved aside, not deleted."""
    with open_archive(path) as archive:
        manifest = read_manifest(archive)
    if manifest.backend != backend(app.engine):
        raise BackupError(f"这是 {manifest.backend} 的备份，当前数据库是 {backend(app.engine)} "
                          f"(a {manifest.backend} backup cannot be restored into {backend(app.engine)})")
    if manifest.revision is None or not known_revision(app.engine, manifest.revision):
        raise BackupError(f"备份来自更新的版本（数据库版本 {manifest.revision}），请先升级 Zhangfang "
                          f"(the backup's schema {manifest.revision} is newer than this version; upgrade first)")
    manifest = verify_backup(path)
    saved = take_backup(app, safety_dir, kind="pre-restore").path if safety else None
    with open_archive(path) as archive:
        if manifest.backend == "sqlite":
            _restore_sqlite(app.engine, archive)
        else:
            _restore_postgres(app.engine, archive, manifest)
        moved = _restore_files(archive, files_dir or files_dir_of(app)) if manifest.files is not None else None
    upgrade(app.engine)
    return RestoreResult(manifest, saved, moved)


def _restore_sqlite(engine: Engine, archive: tarfile.TarFile) -> None:
    target = sqlite.database_path(engine)
    with tempfile.TemporaryDirectory(prefix="zhangfang-restore-") as scratch:
        archive.extract(SQLITE_MEMBER, scratch, filter="data")
        engine.dispose()
        sqlite.restore_into(Path(scratch) / SQLITE_MEMBER, target)
    engine.dispose()


def _restore_postgres(engine: Engine, archive: tarfile.TarFile, manifest: Manifest) -> None:
    assert manifest.revision is not None
    postgres.drop_product_tables(engine)
    upgrade_to(engine, manifest.revision)

    @contextmanager
    def source(name: str) -> Iterator[IO[bytes]]:
        data = archive.extractfile(TABLES_DIR + name + ".copy")
        if data is None:
            raise BackupError(f"备份中缺少表 {name} (the backup lacks table {name})")
        yield data

    restored = postgres.load(engine, manifest.columns, source)
    if restored != manifest.tables:
        raise BackupError("恢复后的行数与备份清单不符 (row counts after the restore differ from the backup)")


def _restore_files(archive: tarfile.TarFile, files_dir: Path | None) -> Path | None:
    """Put the archive's files in `files_dir`; an existing directory is moved aside first (returned)."""
    if files_dir is None:
        return None
    moved = None
    if files_dir.exists():
        moved = files_dir.with_name(f"{files_dir.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        files_dir.rename(moved)
    files_dir.mkdir(parents=True)
    for member in archive.getmembers():
        if member.name.startswith(FILES_DIR) and member.isfile():
            member.name = member.name[len(FILES_DIR):]
            archive.extract(member, files_dir, filter="data")
    return moved
