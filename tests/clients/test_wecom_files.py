"""Client files over WeCom end to end: the real server, callbacks encrypted by wechatpy as WeCom sends them, the
file fetched from the fake WeCom's media/get through the real HTTP client, kept in a local store, matched to the
client's pending requests through the audited action path, acknowledged once, and the owner told (batched,
through the outbox, delivered to the fake WeCom)."""

from __future__ import annotations

from sqlalchemy import select

from domain.actions.models import AuditEntry
from tests.adapters.wecom.conftest import LINA
from tests.bot.jobs.support import at, plan
from tests.clients.conftest import Kit
from tests.clients.support import EXE, PDF, PNG, files, statuses


def test_a_bound_clients_pdf_is_stored_matched_acknowledged_and_the_owner_told(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "2026年10月银行对账单.pdf")
    [ack] = kit.said_to(LINA)
    assert "已记为：2026-10 银行对账单" in ack and "2026-10 还缺：工资表、进项发票" in ack
    assert statuses(kit.app, kit.client_id)["银行对账单"] == "received"
    [row] = files(kit.app)
    assert (row.status, row.family, row.sender) == ("matched", "pdf", LINA)
    assert row.original_name == "2026年10月银行对账单.pdf"
    assert kit.stored() == [kit.store / row.sha256[:2] / row.sha256[2:4] / row.sha256]
    assert kit.stored()[0].read_bytes() == PDF
    with kit.app.session() as session:
        [entry] = session.execute(select(AuditEntry)).scalars()
    assert (entry.kind, entry.actor, entry.actor_id, entry.via) == ("mark_documents_received", "李娜", None, "wecom")
    notice = kit.owner_notices()
    assert "李娜" in notice and "2026-10 银行对账单" in notice


def test_the_same_file_twice_is_stored_once(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "银行对账单10月.pdf")
    kit.send_file(LINA, PDF, "银行对账单10月(1).pdf")
    rows = files(kit.app)
    assert len(rows) == 2 and rows[0].sha256 == rows[1].sha256
    assert len(kit.stored()) == 1


def test_a_picture_without_words_asks_the_client_and_the_number_completes_it(kit: Kit) -> None:
    kit.send_file(LINA, PNG, kind="image")
    [question] = kit.said_to(LINA)
    assert "是哪一项资料" in question and "1. 2026-10 工资表" in question and "4）" in question
    assert set(statuses(kit.app, kit.client_id).values()) == {"pending"}
    assert kit.wecom.ask(LINA, "1") == 200
    assert statuses(kit.app, kit.client_id)["工资表"] == "received"
    answer = kit.said_to(LINA)[-1]
    assert "已记为：2026-10 工资表" in answer and "还缺：进项发票、银行对账单" in answer


def test_an_unbound_senders_file_is_never_downloaded(kit: Kit) -> None:
    kit.send_file("stranger01", PDF, "银行对账单.pdf")
    assert kit.wecom.api.media_gets() == []
    assert files(kit.app) == [] and kit.stored() == []
    assert "zhangfang bind" in kit.said_to("stranger01")[0]


def test_oversize_and_disallowed_files_are_refused_politely_and_recorded(kit: Kit) -> None:
    kit.send_file(LINA, EXE, "invoice.pdf")  # declared a PDF, the bytes are a Windows program
    kit.send_file(LINA, b"%PDF-" + b"x" * 300_000, "big.pdf")
    kit.send_file(LINA, b"%PDF-" + b"x" * 300_000, "declared-big.pdf", size=900_000)
    replies = kit.said_to(LINA)
    assert "《invoice.pdf》这种文件暂时不能接收" in replies[0]
    assert "《big.pdf》超过" in replies[1] and "《declared-big.pdf》超过" in replies[2]
    assert [(r.status, r.reason) for r in files(kit.app)] == [("refused", "type"), ("refused", "too_large"),
                                                             ("refused", "too_large")]
    assert len(kit.wecom.api.media_gets()) == 2  # the declared size was enough to refuse the third
    assert kit.stored() == []
    assert set(statuses(kit.app, kit.client_id).values()) == {"pending"}


def test_chasing_stops_for_the_received_item_in_the_next_planner_run(kit: Kit) -> None:
    before = plan(kit.app, at("2026-11-23"), "document_chase", record=False)
    [mine] = [d for d in before if d.subject == kit.wecom.firm.contact_client or
              d.reply.data.get("client") == kit.wecom.firm.contact_client]
    assert {i["item"] for i in mine.reply.data["items"]} == {"银行对账单", "进项发票", "工资表"}
    kit.send_file(LINA, PDF, "10月银行流水.pdf")
    after = plan(kit.app, at("2026-11-23"), "document_chase", record=False)
    [mine] = [d for d in after if d.reply.data.get("client") == kit.wecom.firm.contact_client]
    assert {i["item"] for i in mine.reply.data["items"]} == {"进项发票", "工资表"}
