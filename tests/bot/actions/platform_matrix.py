"""The full action matrix on one chat platform: every staff action kind of actions.md (and the workflow moves) × the
seven properties, in one conversation per kind through the platform's real way in (a `Driver`: signed events and
clicks into our endpoints, answers read back at the fake platform server).

One conversation proves them all, on a firm the module shares (each conversation leaves it as it found it):
  1. out of scope — the outsider's words propose nothing; a button value the outsider builds by hand (a tampered
     click carrying the proposer's command) is refused by the domain check; nothing changes;
  2. nothing changes without a confirmation; 取消 (the button, and typed) drops a proposal;
  3. expiry — the proposer's 确认 button 31 minutes later applies nothing;
  4. someone else's 确认 (the button, and typed) applies nothing;
  5. the proposer's 确认 button applies it, once (a second click changes nothing more) …
  6. … with one audit row: who, via the platform, which client, the action;
  7. typed 撤销 puts the book back exactly, recorded as an undo; then typed 确认 of a new proposal applies it
     again and a second 撤销 puts it back again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import select

from bot.bootstrap import App
from domain.actions.handlers.invoices import outstanding_by_invoice
from domain.actions.models import Proposal
from domain.models import (
    Client,
    ClientTag,
    Contract,
    DocumentRequest,
    Feedback,
    Interaction,
    Invoice,
    PaymentPromise,
)
from tests.bot.actions.support import MINGYUAN, TODAY, at, audit_rows, build_firm, chat
from tests.bot.workflows.support import stages
from tests.domain.facts.firm import Firm
from tests.domain.workflows.support import open_period

START = at(TODAY)
STAFF = ("王芳", "杜萍", "刘建", "赵总")  # 赵总 (admin) only sets cases up, on the console
ID_KEYS = {"王芳": "wang", "杜萍": "du", "刘建": "liu", "赵总": "boss"}
REFUSED = ("没有权限", "不能修改", "更换负责人需要", "没有找到", "是哪")  # "是哪份合同？": asked back, never guessed


@dataclass
class Said:
    """What the bot answered at the platform: the text, and its buttons (label → what the driver presses)."""

    text: str
    buttons: dict[str, Any] = field(default_factory=dict)


class Driver(Protocol):
    platform: str

    def say(self, who: str, text: str) -> Said: ...

    def press(self, who: str, button: Any) -> Said: ...

    def forge(self, who: str, value: str) -> Said: ...  # a click carrying a value nobody was shown


def build(app: App) -> dict[str, int]:
    """The action firm (tests/bot/actions/support.py) with a third pending November item, so that "several"
    documents differ from "都齐了", and November's bookkeeping opened (the workflow moves)."""
    ids = build_firm(app)
    with app.session() as session:
        Firm(session).document(session.get(Client, ids["mingyuan"]), "2026-11", "进项发票", "2026-11-28")
    open_period(app, "2026-11", date(2026, 12, 1))
    return ids


def state(app: App, ids: dict[str, int]) -> dict[str, Any]:
    """Everything the actions may change on 明远贸易, read back whole."""
    cid = ids["mingyuan"]
    with app.session() as session:
        client = session.get(Client, cid)
        assert client is not None
        rows = {
            "interactions": select(Interaction.channel, Interaction.summary).where(Interaction.client_id == cid),
            "paid_on": select(Invoice.invoice_no, Invoice.paid_on, Invoice.disputed).where(Invoice.client_id == cid)
            .order_by(Invoice.invoice_no),
            "documents": select(DocumentRequest.period, DocumentRequest.item, DocumentRequest.status,
                                DocumentRequest.chase_count).where(DocumentRequest.client_id == cid)
            .order_by(DocumentRequest.item),
            "contracts": select(Contract.contract_no).where(Contract.client_id == cid).order_by(Contract.contract_no),
            "tags": select(ClientTag.tag).where(ClientTag.client_id == cid).order_by(ClientTag.tag),
            "promises": select(PaymentPromise.promised_by, PaymentPromise.status)
            .where(PaymentPromise.client_id == cid),
            "feedback": select(Feedback.score, Feedback.comment).where(Feedback.client_id == cid),
        }
        out: dict[str, Any] = {name: sorted(tuple(r) for r in session.execute(stmt)) for name, stmt in rows.items()}
        out["outstanding"] = sorted(outstanding_by_invoice(session, cid).values())
        out["client"] = (str(client.tier), client.tags, client.owner_id, str(client.status))
    out["stages"] = stages(app, MINGYUAN)
    return out


def _docs(after: dict, wanted: set[str]) -> bool:
    return {item for _, item, status, _ in after["documents"] if status == "received"} == wanted


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    sentence: str
    changed: Callable[[dict, dict], bool]  # (before, after) → the intended change, and only it, is there
    proposer: str = "王芳"
    other: str = "杜萍"  # sees the client, did not propose
    outsider: str = "刘建"  # may not do it
    setup: str = ""  # applied first by 赵总 on the console, and undone after


def _only(key: str, test: Callable[[Any, Any], bool]) -> Callable[[dict, dict], bool]:
    return lambda b, a: test(b[key], a[key]) and {k: v for k, v in b.items() if k != key} == {
        k: v for k, v in a.items() if k != key}


CASES = [
    Case("log_interaction", "log_interaction", "记一笔: 今天和明远贸易电话沟通续约",
         _only("interactions", lambda b, a: a == sorted([*b, ("电话", "电话沟通续约")]))),
    Case("record_payment", "record_payment", "收到明远贸易转账5000元",
         lambda b, a: sum(b["outstanding"]) - sum(a["outstanding"]) == 500000
         and [p for _, p, _ in a["paid_on"]] == [TODAY, TODAY]),
    Case("documents_one", "mark_documents_received", "明远贸易11月的银行对账单收到了",
         _only("documents", lambda b, a: _docs({"documents": a}, {"银行对账单"}))),
    Case("documents_several", "mark_documents_received", "明远贸易11月的银行对账单和工资表收到了",
         _only("documents", lambda b, a: _docs({"documents": a}, {"银行对账单", "工资表"}))),
    Case("documents_all", "mark_documents_received", "明远贸易11月资料都齐了",
         _only("documents", lambda b, a: _docs({"documents": a}, {"银行对账单", "工资表", "进项发票"}))),
    Case("chase_now", "request_documents", "催一下明远贸易的11月资料",
         _only("documents", lambda b, a: [d[3] for d in a] == [d[3] + 1 for d in b])),
    Case("renew_contract", "renew_contract", "HT1001 已续约",
         _only("contracts", lambda b, a: a == [("HT1001",), ("HT1001-R1",)])),
    Case("tier", "update_client", "把明远贸易标记为VIP", _only("client", lambda b, a: a[0] == "vip")),
    Case("tags", "update_client", "给明远贸易加个跨境电商标签",
         lambda b, a: a["tags"] == [("跨境电商",)] and "跨境电商" in a["client"][1]),
    # only a manager over both owners may move a client: 杜萍 proposes; 王芳 (the owner) may not
    Case("owner", "update_client", "明远贸易转给秦霞负责",
         _only("client", lambda b, a: a[2] != b[2] and (a[0], a[1], a[3]) == (b[0], b[1], b[3])),
         proposer="杜萍", other="王芳", outsider="王芳"),
    Case("status", "update_client", "明远贸易不做了，标记流失", _only("client", lambda b, a: a[3] == "churned")),
    Case("promise_to_pay", "promise_to_pay", "明远贸易说下周三付款",
         _only("promises", lambda b, a: a == [(date(2026, 12, 9), "open")])),
    Case("dispute", "dispute_invoice", "FP100234 客户有异议，金额不对",
         _only("paid_on", lambda b, a: [d for *_, d in a] == [True, False])),
    Case("resolve", "dispute_invoice", "FP100234 异议已解决",
         _only("paid_on", lambda b, a: [d for *_, d in a] == [False, False]), setup="FP100234 客户有异议，金额不对"),
    Case("feedback", "record_feedback", "明远贸易反馈: 4分，报表很清楚",
         _only("feedback", lambda b, a: a == [(4, "报表很清楚")])),
    Case("workflow_complete", "workflow_complete", "明远贸易 11月 资料交接完成",
         _only("stages", lambda b, a: a["handover"]["status"] == "done")),
    Case("workflow_wait", "workflow_wait", "明远贸易 11月 资料交接 等客户资料",  # creates 销项发票: undo deletes it
         lambda b, a: a["stages"]["handover"]["status"] == "waiting"
         and sorted(d[1] for d in a["documents"]) == sorted([*(d[1] for d in b["documents"]), "销项发票"])),
    Case("workflow_reassign", "workflow_reassign", "把明远贸易11月的资料交接转给秦霞",
         _only("stages", lambda b, a: a["handover"]["assignee"] != b["handover"]["assignee"])),
]
IDS = [c.name for c in CASES]


def forged_value(app: App) -> str:
    """The latest proposal as a button value built by hand: the action's whole command, or the workflow move."""
    with app.session() as session:
        proposal = session.execute(select(Proposal).order_by(Proposal.id.desc()).limit(1)).scalar_one()
        kind, payload = proposal.kind, proposal.payload
    if not kind.startswith("workflow_"):
        return f"zf:act:cmd:{payload}"
    change = json.loads(payload)
    if change["kind"] == "reassign":
        return f"zf:wf:to:{change['instance_id']}:{change['stage']}:{change['to_staff_id']}"
    return f"zf:wf:do:{change['kind']}:{change['instance_id']}:{change['stage']}"


def converse(app: App, ids: dict[str, int], driver: Driver, case: Case) -> None:
    app.clock = app.clock.at(START)
    if case.setup:
        chat(app, "赵总", case.setup)
        assert chat(app, "赵总", "确认").data["status"] == "done"
    before, seen = state(app, ids), len(audit_rows(app))
    proposal = _refusals_and_declines(app, ids, driver, case, before, seen)
    _applied_audited_undone(app, ids, driver, case, proposal, before, seen)
    if case.setup:
        assert chat(app, "赵总", "撤销").data["status"] == "undone"


def _refusals_and_declines(app: App, ids: dict[str, int], driver: Driver, case: Case, before: dict,
                           seen: int) -> Said:
    """Properties 1–4; returns the proposal still pending, for its proposer to confirm."""
    def unchanged() -> bool:
        return state(app, ids) == before and len(audit_rows(app)) == seen

    outsider = driver.say(case.outsider, case.sentence)  # 1. out of scope: nothing proposed
    assert not outsider.buttons and any(m in outsider.text for m in REFUSED), outsider.text
    hidden = case.outsider == "刘建"  # may not see 明远贸易: its full name is not told to him
    assert not (hidden and MINGYUAN in outsider.text), outsider.text
    proposal = driver.say(case.proposer, case.sentence)  # 2. nothing without a confirmation; 取消
    assert set(proposal.buttons) == {"确认", "取消"} and "明远贸易" in proposal.text, proposal.text
    assert unchanged()
    assert "已取消" in driver.press(case.proposer, proposal.buttons["取消"]).text and unchanged()
    driver.say(case.proposer, case.sentence)
    assert "已取消" in driver.say(case.proposer, "取消").text and unchanged()
    proposal = driver.say(case.proposer, case.sentence)  # 3. expiry
    app.clock = app.clock.at(START + timedelta(minutes=31))
    late = driver.press(case.proposer, proposal.buttons["确认"])
    app.clock = app.clock.at(START)
    assert "30 分钟" in late.text and unchanged(), late.text
    proposal = driver.say(case.proposer, case.sentence)  # 4. someone else's 确认
    assert "只有" in driver.press(case.other, proposal.buttons["确认"]).text
    assert "没有" in driver.say(case.other, "确认").text and unchanged()
    forged = driver.forge(case.outsider, forged_value(app))  # 1. a tampered click: the domain check refuses
    assert "确认" not in forged.buttons and any(m in forged.text for m in REFUSED), forged.text
    assert not (hidden and MINGYUAN in forged.text), forged.text
    assert unchanged()
    return proposal


def _applied_audited_undone(app: App, ids: dict[str, int], driver: Driver, case: Case, proposal: Said,
                            before: dict, seen: int) -> None:
    """Properties 5–7, with the button and then typed."""
    done = driver.press(case.proposer, proposal.buttons["确认"])  # 5. applied after the proposer's 确认
    assert "已" in done.text and "确认" not in done.buttons, done.text
    after = state(app, ids)
    assert case.changed(before, after), (before, after)
    row = {"kind": case.kind, "actor": case.proposer, "via": driver.platform, "client": MINGYUAN, "undone": False,
           "undoes": None}
    assert audit_rows(app)[seen:] == [row]  # 6. the audit row
    driver.press(case.proposer, proposal.buttons["确认"])  # a double click applies nothing twice
    assert state(app, ids) == after and len(audit_rows(app)) == seen + 1
    undone = driver.say(case.proposer, "撤销")  # 7. undo
    assert "已撤销" in undone.text and state(app, ids) == before, undone.text
    assert [(r["kind"], r["undone"]) for r in audit_rows(app)[seen:]] == [(case.kind, True), ("undo", False)]
    driver.say(case.proposer, case.sentence)  # typed 确认 applies a new proposal; 撤销 again puts it back
    assert "已" in driver.say(case.proposer, "确认").text and case.changed(before, state(app, ids))
    assert audit_rows(app)[seen + 2] == row
    assert "已撤销" in driver.say(case.proposer, "撤销").text and state(app, ids) == before


def bind(app: App, platform: str, ids: dict[str, int], user_id: Callable[[str], str]) -> dict[str, str]:
    """The staff of the matrix as users of the platform (ChatIdentity): name → platform user id."""
    from domain.models import ChatIdentity

    users = {name: user_id(ID_KEYS[name]) for name in STAFF}
    with app.session() as session:
        for name, user in users.items():
            session.add(ChatIdentity(platform=platform, user_id=user, staff_id=ids[ID_KEYS[name]]))
    return users
