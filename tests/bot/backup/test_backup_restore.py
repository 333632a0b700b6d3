"""Backup and restore on SQLite and PostgreSQL: a backup taken while the importer is writing restores to a database
that answers every question family exactly as the book stood at that moment; integrity is checked; damaged,
foreign and newer backups are refused without changing anything."""

from __future__ import annotations

import io
import tarfile
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.backup import BackupError, restore_backup, take_backup, verify_backup
from bot.backup.archive import Manifest, read_manifest
from domain.models import Interaction, Payment
from tests.bot.backup.support import BookWriter, answers, import_sample, overdue_clients
from tests.conftest import table_counts

BEFORE, AFTER, LIMIT = 4, 4, 60  # writes committed before and after the backup starts; a bound on the thread


def written_numbers(app, model, column, prefix: str) -> list[int]:
    with app.session() as session:
        values = session.execute(select(column).where(column.like(f"{prefix}%"))).scalars().all()
    return sorted(int(v.removeprefix(prefix)) for v in values)


def test_backup_while_writing_restores_that_moment(make_app, tmp_path: Path) -> None:
    live = make_app()
    import_sample(live)
    writer = BookWriter(overdue_clients(live, 12))
    base_payments = table_counts(live)["payment"]
    done = threading.Event()
    progress = {"writes": 0}
    failures: list[BaseException] = []
    started_backup = threading.Event()

    def write() -> None:
        try:
            for k in range(LIMIT):
                writer.payment(live, k)
                writer.interaction(live, k)
                progress["writes"] = k + 1
                if started_backup.is_set() and progress["writes"] >= progress.get("at_backup", 0) + AFTER:
                    break
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    while progress["writes"] < BEFORE and not done.is_set():
        done.wait(0.01)
    progress["at_backup"] = progress["writes"]
    started_backup.set()
    result = take_backup(live, tmp_path / "backups")
    thread.join()
    assert not failures, failures

    assert written_numbers(live, Payment, Payment.reference, "BK-") == list(range(progress["writes"]))

    target = make_app()
    restored = restore_backup(target, result.path, safety=False)
    assert restored.manifest.tables == result.manifest.tables
    assert table_counts(target) == {k: v for k, v in result.manifest.tables.items() if k != "alembic_version"}

    # The restored book holds a prefix of the writes: no payment without the ones before it, none half-written
    paid = written_numbers(target, Payment, Payment.reference, "BK-")
    talked = written_numbers(target, Interaction, Interaction.summary, "backup-test-")
    assert paid == list(range(len(paid))) and talked == list(range(len(talked)))
    assert len(paid) - 1 <= len(talked) <= len(paid)
    assert BEFORE <= len(paid) < progress["writes"], "the backup was not taken while writes were going on"
    assert result.manifest.tables["payment"] == base_payments + len(paid)

    # ... and answers every question exactly as a book with exactly those writes does
    expected = make_app()
    import_sample(expected)
    writer.replay(expected, len(paid), len(talked))
    assert answers(target) == answers(expected)
    assert answers(target) != answers(live)  # the later writes are visible in the live book, not in the backup


def test_backup_verifies_and_restore_migrates_up(make_app, tmp_path: Path) -> None:
    app = make_app()
    import_sample(app)
    result = take_backup(app, tmp_path)
    manifest = verify_backup(result.path)
    assert manifest.revision and manifest.tables["client"] == result.manifest.tables["client"] > 200
    before = answers(app)
    with app.engine.begin() as conn:  # the book is damaged after the backup
        conn.execute(text("DELETE FROM allocation"))
        conn.execute(text("DELETE FROM payment"))
    assert answers(app) != before
    restored = restore_backup(app, result.path, safety_dir=tmp_path / "safety")
    assert answers(app) == before
    assert restored.safety is not None and verify_backup(restored.safety).tables["payment"] == 0
    BookWriter(overdue_clients(app, 3)).payment(app, 1)  # new rows get fresh ids after a restore


def rewrite_manifest(source: Path, target: Path, **changes: object) -> Path:
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        manifest = read_manifest(old)
        for key, value in changes.items():
            setattr(manifest, key, value)
        for member in old.getmembers():
            if member.name == "manifest.json":
                data = manifest.to_json()
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
            else:
                new.addfile(member, old.extractfile(member))
    return target


def test_restore_refuses_newer_damaged_and_foreign_backups(make_app, tmp_path: Path) -> None:
    app = make_app()
    import_sample(app)
    good = take_backup(app, tmp_path).path
    counts = table_counts(app)

    newer = rewrite_manifest(good, tmp_path / "newer.tar.gz", revision="9999_from_the_future")
    with pytest.raises(BackupError, match="newer"):
        restore_backup(app, newer)

    other = "postgresql" if app.engine.dialect.name == "sqlite" else "sqlite"
    foreign = rewrite_manifest(good, tmp_path / "foreign.tar.gz", backend=other)
    with pytest.raises(BackupError, match="cannot be restored"):
        restore_backup(app, foreign)

    miscounted = rewrite_manifest(good, tmp_path / "miscounted.tar.gz",
                                  tables={**Manifest.from_json(b'{"format":1,"backend":"x","revision":null,'
                                                               b'"created_at":""}').tables, "client": 1})
    with pytest.raises(BackupError, match="row counts"):
        restore_backup(app, miscounted)

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(BackupError, match=r"damaged|not a readable"):
        restore_backup(app, truncated)

    assert table_counts(app) == counts  # nothing was touched
    assert sorted(p.name for p in tmp_path.glob("zhangfang-*")) == [good.name]  # not even a safety backup


def test_files_directory_is_backed_up_and_restored_beside_the_database(make_app, tmp_path: Path) -> None:
    app = make_app()
    files = tmp_path / "files"
    (files / "上海明远" / "2026-10").mkdir(parents=True)
    (files / "上海明远" / "2026-10" / "银行回单.pdf").write_bytes(b"%PDF-1.4 receipt")
    (files / "contract.docx").write_bytes(bytes(range(256)) * 40)
    result = take_backup(app, tmp_path / "backups", files_dir=files)
    assert result.manifest.files == 2

    (files / "contract.docx").write_bytes(b"overwritten later")
    restored = restore_backup(app, result.path, files_dir=files, safety=False)
    assert (files / "contract.docx").read_bytes() == bytes(range(256)) * 40
    assert (files / "上海明远" / "2026-10" / "银行回单.pdf").read_bytes() == b"%PDF-1.4 receipt"
    assert restored.files_moved_to is not None
    assert (restored.files_moved_to / "contract.docx").read_bytes() == b"overwritten later"  # kept, not deleted


def test_archive_is_private_and_complete_or_absent(make_app, tmp_path: Path) -> None:
    app = make_app()
    result = take_backup(app, tmp_path)
    assert result.path.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob("*.partial"))
    second = take_backup(app, tmp_path, now=None)
    assert second.path != result.path  # two backups in one second do not overwrite each other
