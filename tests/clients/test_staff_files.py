"""Staff see what clients sent: "…10月交了哪些资料" lists the files with signed, expiring links served by the real
server; a link opens for the owner, and is refused (403) for a colleague who may not see the client, when tampered
with, and after it expires."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from bot.files.links import LinkSigner
from domain.models import Staff
from tests.adapters.wecom.conftest import DUPING, LINA, WANGFANG
from tests.clients.conftest import Kit
from tests.clients.support import PDF, files

LINK = re.compile(r"http://testserver(/files/\d+\?\S+)")


def _said(kit: Kit, user: str) -> str:
    return "\n".join(str(m.get("markdown", m.get("text", {})).get("content", "")) for m in kit.wecom.api.app_messages
                     if m["touser"] == user)


def test_the_owner_lists_the_files_and_the_link_opens_only_for_staff_who_may_see_the_client(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "10月银行对账单.pdf")
    client = kit.wecom.firm.contact_client
    assert kit.wecom.ask(DUPING, f"{client}10月交了哪些资料") == 200
    listing = _said(kit, DUPING)
    assert "10月银行对账单.pdf" in listing and "2026-10 银行对账单" in listing and "李娜" not in listing.split("《")[0]
    [path] = LINK.findall(listing)
    opened = kit.wecom.server.get(path)
    assert opened.status_code == 200 and opened.content == PDF
    assert opened.headers["content-type"].startswith("application/pdf")
    assert kit.wecom.server.get(path.replace("sig=", "sig=0")[:-1]).status_code == 403  # tampered

    [row] = files(kit.app)
    signer = LinkSigner.from_settings(kit.app.settings)
    assert signer is not None
    with kit.app.session() as session:
        wangfang = session.execute(select(Staff.id).where(Staff.name == "王芳")).scalar_one()
    foreign = signer.link(row.id, wangfang, kit.app.clock.now()).removeprefix("http://testserver")
    assert kit.wecom.server.get(foreign).status_code == 403  # 王芳 may not see 杜萍's client

    kit.app.clock = kit.app.clock.at(kit.app.clock.now() + timedelta(minutes=61))
    assert kit.wecom.server.get(path).status_code == 403  # expired


def test_a_colleague_who_may_not_see_the_client_gets_no_listing(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "10月银行对账单.pdf")
    kit.wecom.ask(WANGFANG, f"{kit.wecom.firm.contact_client}10月交了哪些资料")
    assert "10月银行对账单.pdf" not in _said(kit, WANGFANG) and "/files/" not in _said(kit, WANGFANG)


def test_the_profile_card_shows_the_latest_files(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "10月银行对账单.pdf")
    kit.wecom.ask(DUPING, f"{kit.wecom.firm.contact_client}的客户档案")
    card = _said(kit, DUPING)
    assert "最近交来的资料" in card and "《10月银行对账单.pdf》 — 2026-10 银行对账单" in card


def test_the_morning_digest_counts_documents_received_since_the_last_working_day(kit: Kit) -> None:
    from sqlalchemy import update

    from tests.bot.jobs.support import at, plan

    with kit.app.session() as session:
        session.execute(update(Staff).where(Staff.name == "杜萍").values(role="manager"))
    kit.send_file(LINA, PDF, "10月银行对账单.pdf")
    kit.send_file(LINA, PDF + b"2", "10月工资表.pdf")
    [digest] = [d for d in plan(kit.app, at("2026-11-23"), "digest", record=False) if d.recipient == "杜萍"]
    assert digest.reply.data["documents_received"] == 2
    assert ("客户在聊天中交来的资料", "2 份（自上个工作日起）") in digest.reply.fields
