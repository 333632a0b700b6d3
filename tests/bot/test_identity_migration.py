"""Chat ids become chat identities: migration 0003 copied the staff sheet's ids, 0012 copies what is left on staff and
contacts and drops those columns (downgrade brings them back), and importing ids binds them once, however often the
workbook is imported. The 0012 round trip runs on every backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, select, text

from bot.db import _alembic_config, make_engine
from domain.identities import bind_ids
from domain.models import ChatIdentity, Staff
from tests.conftest import _drop_pg_schema, _pg_engine

STAFF_COLUMNS = {"slack_id", "wecom_id", "dingtalk_id"}
CONTACT_COLUMNS = {"wecom_external_id", "dingtalk_id", "slack_id"}


@pytest.fixture
def old_engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of the current backend, migrated by hand (the tests choose the revisions)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _pg_engine(schema)
    yield engine
    engine.dispose()
    _drop_pg_schema(schema)


def test_migration_copies_staff_chat_ids_to_chat_identities(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(_alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO staff (name, role, hourly_cost_cents, slack_id, wecom_id) "
                          "VALUES ('王芳', 'staff', 0, 'U0WANG', 'wangfang')"))
        conn.execute(text("INSERT INTO staff (name, role, hourly_cost_cents, dingtalk_id) "
                          "VALUES ('杜萍', 'manager', 0, 'ding-du')"))
    command.upgrade(_alembic_config(engine), "head")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT c.platform, c.user_id, s.name FROM chat_identity c "
                                 "JOIN staff s ON s.id = c.staff_id ORDER BY c.platform")).all()
    assert [tuple(r) for r in rows] == [("dingtalk", "ding-du", "杜萍"), ("slack", "U0WANG", "王芳"),
                                        ("wecom", "wangfang", "王芳")]
    engine.dispose()


def _fill_0011(engine: Engine) -> None:
    """Staff and contacts with ids in their columns: one id on two staff rows, one on a staff row and a contact, one
    already bound to a contact, and blanks."""
    with engine.begin() as conn:
        staff = ((1, "王芳", "U0WANG", "wangfang", None), (2, "杜萍", "", "bound", "ding-du"),
                 (3, "张三", "U0WANG", None, None))
        for sid, name, slack, wecom, ding in staff:
            conn.execute(text("INSERT INTO staff (id, name, role, hourly_cost_cents, slack_id, wecom_id, dingtalk_id) "
                              "VALUES (:i, :n, 'staff', 0, :s, :w, :d)"),
                         {"i": sid, "n": name, "s": slack, "w": wecom, "d": ding})
        conn.execute(text("INSERT INTO client (id, name, owner_id, tags, tier, status) "
                          "VALUES (1, '明远', 1, '', 'normal', 'active')"))
        for cid, name, wecom, slack in ((1, "李娜", "wm-lina", "U0WANG"), (2, "赵六", None, None)):
            conn.execute(text("INSERT INTO contact (id, client_id, name, is_primary, wecom_external_id, slack_id) "
                              "VALUES (:i, 1, :n, false, :w, :s)"), {"i": cid, "n": name, "w": wecom, "s": slack})
        conn.execute(text("INSERT INTO chat_identity (platform, user_id, contact_id, created_at) "
                          "VALUES ('wecom', 'bound', 2, '2026-01-01 00:00:00')"))


def test_0012_moves_the_id_columns_into_chat_identities_and_back(old_engine: Engine) -> None:
    config = _alembic_config(old_engine)
    command.upgrade(config, "0011")
    _fill_0011(old_engine)
    command.upgrade(config, "0012")
    with old_engine.connect() as conn:
        rows = conn.execute(text("SELECT platform, user_id, staff_id, contact_id FROM chat_identity "
                                 "ORDER BY platform, user_id")).all()
        columns = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in ("staff", "contact")}
    assert [tuple(r) for r in rows] == [
        ("dingtalk", "ding-du", 2, None),
        ("slack", "U0WANG", 1, None),  # the lowest staff id; the contact's copy of it stays with the staff member
        ("wecom", "bound", None, 2),  # already bound: kept
        ("wecom", "wangfang", 1, None),
        ("wecom", "wm-lina", None, 1),
    ]
    assert not columns["staff"] & STAFF_COLUMNS and not columns["contact"] & CONTACT_COLUMNS

    command.downgrade(config, "0011")
    with old_engine.connect() as conn:
        staff = conn.execute(text("SELECT id, slack_id, wecom_id, dingtalk_id FROM staff ORDER BY id")).all()
        contacts = conn.execute(text("SELECT id, wecom_external_id, dingtalk_id, slack_id FROM contact "
                                     "ORDER BY id")).all()
        kept = conn.execute(text("SELECT count(*) FROM chat_identity")).scalar_one()
    assert [tuple(r) for r in staff] == [(1, "U0WANG", "wangfang", None), (2, None, None, "ding-du"),
                                         (3, None, None, None)]
    assert [tuple(r) for r in contacts] == [(1, "wm-lina", None, None), (2, "bound", None, None)]
    assert kept == 5  # the identities stay: the old code reads them first
    command.upgrade(config, "head")  # and up again


def test_imported_staff_ids_are_bound_once(app) -> None:
    with app.session() as session:
        wang = Staff(name="王芳")
        du = Staff(name="杜萍")
        session.add_all([wang, du])
        session.flush()
        for _ in range(2):
            bind_ids(session, "staff", {wang.id: {"slack": "U0WANG", "wecom": " wangfang "}, du.id: {"dingtalk": None}})
        bind_ids(session, "staff", {du.id: {"slack": "U0WANG"}})  # the id moved to a colleague
        rows = session.execute(select(ChatIdentity.platform, ChatIdentity.user_id, ChatIdentity.staff_id)
                               .order_by(ChatIdentity.platform)).all()
        assert [tuple(r) for r in rows] == [("slack", "U0WANG", du.id), ("wecom", "wangfang", wang.id)]
