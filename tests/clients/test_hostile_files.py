"""Hostile input from a client's chat: path-traversal names, zero-byte and huge files, wrong declared types and a
flood of files — nothing crashes, nothing is written outside the store, nothing is lost (every file has a row, every
message an answer, the owner one batched notice)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bot.models import OutboxMessage
from tests.adapters.wecom.conftest import LINA
from tests.clients.conftest import Kit
from tests.clients.support import PDF, PNG, files


def _outside_store(root: Path, store: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() and store not in p.parents}


def test_hostile_names_sizes_and_types_are_handled_and_kept_inside_the_store(kit: Kit) -> None:
    root = kit.store.parent
    before = _outside_store(root, kit.store)
    kit.send_file(LINA, PDF + b"1", "../../../../../tmp/evil.pdf")
    kit.send_file(LINA, PDF + b"2", "..\\..\\boot.ini.pdf")
    kit.send_file(LINA, b"", "empty.pdf")
    kit.send_file(LINA, b"%PDF-" + b"0" * 250_000, "huge.pdf")  # no size declared: found while reading
    kit.send_file(LINA, PNG, "photo.exe")  # a picture whatever its name says
    kit.send_file(LINA, b"<html><script>alert(1)</script></html>", "statement.pdf")
    rows = files(kit.app)
    assert [(r.original_name, r.status, r.reason) for r in rows] == [
        ("evil.pdf", "asked", None), ("boot.ini.pdf", "asked", None), ("empty.pdf", "refused", "empty"),
        ("huge.pdf", "refused", "too_large"), ("photo.exe", "asked", None), ("statement.pdf", "refused", "type")]
    assert _outside_store(root, kit.store) - before <= {p for p in root.rglob("*.db*")}
    assert not Path("/tmp/evil.pdf").exists()
    assert sorted(p.name for p in kit.stored()) == sorted({r.sha256 for r in rows if r.sha256})
    assert len(kit.said_to(LINA)) == 6  # every message answered


def test_a_flood_of_files_is_every_one_recorded_and_the_owner_told_once(kit: Kit) -> None:
    for n in range(40):
        kit.send_file(LINA, PDF + str(n).encode(), f"scan-{n:02d}.pdf")
    rows = files(kit.app)
    assert len(rows) == 40 and all(r.sha256 for r in rows) and len(kit.stored()) == 40
    assert len(kit.said_to(LINA)) == 40
    with kit.app.session() as session:
        notices = session.execute(select(func.count()).select_from(OutboxMessage)
                                  .where(OutboxMessage.kind == "client_activity")).scalar_one()
    assert notices == 1  # batched: one message per owner per slot
    text = kit.owner_notices()
    assert all(f"scan-{n:02d}.pdf" in text for n in range(40))
