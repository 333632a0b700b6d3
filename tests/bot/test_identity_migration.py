"""Staff chat ids become chat identities: migration 0003 copies the ids already on staff rows, and importing a staff
sheet with Slack / 企业微信 / 钉钉 ids writes them (once, however often it is imported)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from bot.db import _alembic_config, make_engine
from domain.importing.people import bind_staff_identities
from domain.models import ChatIdentity, Staff


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


def test_imported_staff_ids_are_bound_once(app) -> None:
    with app.session() as session:
        wang = Staff(name="王芳")
        du = Staff(name="杜萍")
        session.add_all([wang, du])
        session.flush()
        for _ in range(2):
            bind_staff_identities(session, {wang.id: {"slack_id": "U0WANG", "wecom_id": " wangfang "},
                                            du.id: {"dingtalk_id": None}})
        bind_staff_identities(session, {du.id: {"slack_id": "U0WANG"}})  # the id moved to a colleague
        rows = session.execute(select(ChatIdentity.platform, ChatIdentity.user_id, ChatIdentity.staff_id)
                               .order_by(ChatIdentity.platform)).all()
        assert [tuple(r) for r in rows] == [("slack", "U0WANG", du.id), ("wecom", "wangfang", wang.id)]
