"""Every action of actions.md from the console path (bot.conversation.handle, what every adapter calls), in a real
sentence: applied only after its proposer's 确认; nothing changes without it; someone else's 确认 applies nothing;
a proposal expires; out-of-scope is refused; 撤销 puts it back; an audit row records who, when, via and what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from domain.actions.handlers.invoices import outstanding_by_invoice
from domain.models import Client, ClientTag, Contract, DocumentRequest, Feedback, Interaction, Invoice, PaymentPromise
from tests.bot.actions.support import MINGYUAN, TODAY, at, audit_rows, build_firm, chat, press, proposal_statuses


def _state(app, ids) -> dict[str, Any]:
    """Everything the actions below may change on 明远贸易, read back whole."""
    cid = ids["mingyuan"]
    with app.session() as session:
        client = session.get(Client, cid)
        return {
            "interactions": session.execute(select(Interaction.channel, Interaction.summary)
                                            .where(Interaction.client_id == cid)).all(),
            "outstanding": sorted(outstanding_by_invoice(session, cid).values()),
            "paid_on": session.execute(select(Invoice.invoice_no, Invoice.paid_on).where(Invoice.client_id == cid)
                                       .order_by(Invoice.invoice_no)).all(),  # stored by the re-allocation
            "documents": session.execute(select(DocumentRequest.item, DocumentRequest.status,
                                                DocumentRequest.chase_count).where(DocumentRequest.client_id == cid)
                                         .order_by(DocumentRequest.item)).all(),
            "contracts": list(session.execute(select(Contract.contract_no).where(Contract.client_id == cid)
                                              .order_by(Contract.contract_no)).scalars()),
            "client": (client.tier, client.tags, client.owner_id, client.status),
            "tags": sorted(session.execute(select(ClientTag.tag).where(ClientTag.client_id == cid)).scalars()),
            "promises": session.execute(select(PaymentPromise.promised_by, PaymentPromise.status)
                                        .where(PaymentPromise.client_id == cid)).all(),
            "disputed": session.execute(select(Invoice.invoice_no, Invoice.disputed).where(Invoice.client_id == cid)
                                        .order_by(Invoice.invoice_no)).all(),
            "feedback": session.execute(select(Feedback.score, Feedback.comment)
                                        .where(Feedback.client_id == cid)).all(),
        }


@dataclass(frozen=True)
class Case:
    kind: str
    sentence: str
    changed: Callable[[dict, dict], bool]  # (before, after) → the intended change is there


CASES = [
    Case("log_interaction", "记一笔: 今天和明远贸易电话沟通续约",
         lambda b, a: len(a["interactions"]) == len(b["interactions"]) + 1 and a["interactions"][-1][0] == "电话"),
    Case("record_payment", "收到明远贸易转账5000元",
         lambda b, a: sum(b["outstanding"]) - sum(a["outstanding"]) == 500000
         and [str(p) for _, p in a["paid_on"]] == [TODAY.isoformat()] * 2),
    Case("mark_documents_received", "明远贸易11月资料都齐了",
         lambda b, a: {s for _, s, _ in a["documents"]} == {"received"}),
    Case("request_documents", "催一下明远贸易的11月资料",
         lambda b, a: [c for *_, c in a["documents"]] == [c + 1 for *_, c in b["documents"]]),
    Case("renew_contract", "HT1001 已续约", lambda b, a: a["contracts"] == ["HT1001", "HT1001-R1"]),
    Case("update_client", "把明远贸易标记为VIP", lambda b, a: a["client"][0] == "vip"),
    Case("update_client", "给明远贸易加个跨境电商标签",
         lambda b, a: a["tags"] == ["跨境电商"] and "跨境电商" in a["client"][1]),
    Case("promise_to_pay", "明远贸易说下周三付款",
         lambda b, a: [(str(d), s) for d, s in a["promises"]] == [("2026-12-09", "open")]),
    Case("dispute_invoice", "FP100234 客户有异议，金额不对",
         lambda b, a: dict(a["disputed"]) == {"FP100234": True, "FP100235": False}),
    Case("record_feedback", "明远贸易反馈: 4分，报表很清楚",
         lambda b, a: a["feedback"] == [(4, "报表很清楚")] or (len(a["feedback"]) == 1 and a["feedback"][0][0] == 4)),
]
IDS = [f"{c.kind}:{c.sentence}" for c in CASES]


@pytest.fixture
def firm(make_app):
    app = make_app(today=TODAY)
    app.clock = app.clock.at(at(TODAY))
    return app, build_firm(app)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_applied_only_after_the_proposers_confirmation(firm, case: Case) -> None:
    app, ids = firm
    before = _state(app, ids)
    proposal = chat(app, "王芳", case.sentence)
    assert proposal.data["intent"] == case.kind and proposal.data["status"] == "proposed", proposal.text
    assert proposal.data["changes"] and [a.label for a in proposal.actions] == ["确认", "取消"]
    assert MINGYUAN in proposal.text or any(MINGYUAN in str(c) for c in proposal.data["changes"])
    assert _state(app, ids) == before and audit_rows(app) == []  # nothing changes without the confirmation
    done = chat(app, "王芳", "确认")
    assert done.data["status"] == "done" and done.data["intent"] == case.kind, done.text
    after = _state(app, ids)
    assert case.changed(before, after), after
    assert audit_rows(app) == [{"kind": case.kind, "actor": "王芳", "via": "console", "client": MINGYUAN,
                                "undone": False, "undoes": None}]
    assert done.data["changes"] == proposal.data["changes"]
    again = chat(app, "王芳", "确认")  # a second 确认 applies nothing twice
    assert again.data["status"] == "nothing_pending" and _state(app, ids) == after


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_someone_elses_confirmation_applies_nothing(firm, case: Case) -> None:
    app, ids = firm
    before = _state(app, ids)
    proposal = chat(app, "王芳", case.sentence)
    stolen = press(app, "杜萍", proposal, "确认")  # 王芳's manager: sees the client, but it is not her proposal
    assert stolen.data["status"] == "not_yours"
    assert chat(app, "杜萍", "确认").data["status"] == "nothing_pending"
    assert _state(app, ids) == before and audit_rows(app) == [] and proposal_statuses(app) == ["pending"]
    assert press(app, "王芳", proposal, "确认").data["status"] == "done"  # still hers to confirm


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_proposal_expires_after_thirty_minutes(firm, case: Case) -> None:
    app, ids = firm
    before = _state(app, ids)
    proposal = chat(app, "王芳", case.sentence)
    app.clock = app.clock.at(at(TODAY) + timedelta(minutes=31))
    late = press(app, "王芳", proposal, "确认")
    assert late.data["status"] == "expired" and "30" in late.text
    assert _state(app, ids) == before and audit_rows(app) == [] and proposal_statuses(app) == ["expired"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_out_of_scope_is_refused_and_changes_nothing(firm, case: Case) -> None:
    app, ids = firm
    before = _state(app, ids)
    outsider = chat(app, "刘建", case.sentence)  # 刘建 may not see 明远贸易: never proposed, never guessed
    assert outsider.data.get("status") != "proposed" and "确认" not in [a.label for a in outsider.actions]
    assert chat(app, "刘建", "确认").data["status"] == "nothing_pending"
    # the same command built whole (as a button would carry it) is refused by the domain check itself
    chat(app, "王芳", case.sentence)
    command = proposal_command(app)
    refused = chat(app, "刘建", action=f"zf:act:cmd:{command}")
    assert refused.data["status"] == "refused" and refused.data["error"] in ("not_allowed", "not_found")
    assert _state(app, ids) == before and audit_rows(app) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_undo_puts_it_back_and_is_recorded(firm, case: Case) -> None:
    app, ids = firm
    before = _state(app, ids)
    chat(app, "王芳", case.sentence)
    chat(app, "王芳", "确认")
    undone = chat(app, "王芳", "撤销")
    assert undone.data["status"] == "undone" and undone.data["intent"] == case.kind, undone.text
    assert _state(app, ids) == before
    rows = audit_rows(app)
    assert [(r["kind"], r["undone"]) for r in rows] == [(case.kind, True), ("undo", False)]
    assert chat(app, "王芳", "撤销").data["status"] == "refused"  # nothing more of hers to undo


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cancel_changes_nothing(firm, case: Case) -> None:
    app, ids = firm
    before = _state(app, ids)
    proposal = chat(app, "王芳", case.sentence)
    cancelled = press(app, "王芳", proposal, "取消")
    assert cancelled.data["status"] == "cancelled"
    assert press(app, "王芳", proposal, "确认").data["status"] == "decided"
    assert _state(app, ids) == before and audit_rows(app) == []


def proposal_command(app) -> str:
    from domain.actions.models import Proposal

    with app.session() as session:
        return session.execute(select(Proposal.payload).order_by(Proposal.id.desc()).limit(1)).scalar_one()
