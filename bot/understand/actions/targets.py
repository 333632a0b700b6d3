"""Resolving what an action is about, within the asker's scope: the client, invoices and contracts by number,
the items of a client's document requests, its tags and contracts. A target the asker may not see is reported
exactly like one that does not exist, so a number outside one's scope reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.understand.actions.reading import Said
from bot.understand.actions.result import NeedsInput
from domain.models import ClientTag, Contract, ContractStatus, DocumentRequest, DocumentStatus, Invoice


@dataclass(frozen=True)
class Coded:
    invoices: list[tuple[int, int, str]]  # (id, client id, number) in the asker's scope
    contracts: list[tuple[int, int, str]]
    unknown: list[str]  # numbers typed that name nothing the asker may see


def _forms(code: str) -> list[str]:
    """fp100234 → FP100234, fp100234, FP-100234; ht1001-r1 → HT1001-R1 …"""
    letters = "".join(ch for ch in code.split("-")[0] if ch.isalpha())
    digits = code.split("-")[0][len(letters):]
    tail = code[len(code.split("-")[0]):]
    out = []
    for head in (letters.upper(), letters):
        for sep in ("", "-"):
            out += [f"{head}{sep}{digits}{tail.upper()}", f"{head}{sep}{digits}{tail}"]
    return list(dict.fromkeys(out))


def resolve_codes(said: Said) -> Coded:
    invoices: list[tuple[int, int, str]] = []
    contracts: list[tuple[int, int, str]] = []
    unknown: list[str] = []
    for code in said.codes:
        forms = _forms(code)
        found = False
        tables = ((Invoice, Invoice.invoice_no, invoices), (Contract, Contract.contract_no, contracts))
        for model, column, out in tables:
            rows = said.session.execute(select(model.id, model.client_id, column).where(column.in_(forms))).all()
            for rid, cid, number in rows:
                if said.index.visible(cid, said.viewer) and cid in said.index.client_names:
                    out.append((rid, cid, number))
                    found = True
        if not found:
            unknown.append(code.upper())
    return Coded(invoices, contracts, unknown)


def pick_client(said: Said, intent: str, coded: Coded | None = None) -> int | NeedsInput:
    """The one client the sentence names (by name, or through the invoice / contract it names), or a question."""
    mentions = said.mentions
    names = said.index.client_names
    if mentions.candidates:
        visible = [cid for cid in mentions.candidates if said.index.visible(cid, said.viewer)]
        if len(visible) > 1:
            return NeedsInput("ambiguous_client", intent, "client", tuple((names[c], str(c)) for c in visible))
        if visible:
            return visible[0]
        return NeedsInput("unknown_client", intent, "client")
    named = [cid for cid in dict.fromkeys(mentions.clients)]
    if coded is not None:
        via = {cid for _, cid, _ in coded.invoices + coded.contracts}
        if not named and len(via) == 1:
            named = list(via)
    if len(named) > 1:
        return NeedsInput("ambiguous_client", intent, "client", tuple((names[c], str(c)) for c in named
                                                                     if said.index.visible(c, said.viewer)))
    if named:
        if not said.index.visible(named[0], said.viewer):
            return NeedsInput("unknown_client", intent, "client")
        return named[0]
    if mentions.unresolved_name:
        return NeedsInput("unknown_client", intent, "client")
    if coded is not None and coded.unknown:  # a number that names nothing the asker may see
        part = "contract" if intent == "renew_contract" else "invoice"
        return NeedsInput("missing_part", intent, part, partial={"not_found": coded.unknown})
    return NeedsInput("missing_part", intent, "client")


def document_requests(said: Said, client_id: int) -> list[tuple[str, str, str]]:
    """(period, item, status) of every document request of the client, oldest period first."""
    rows = said.session.execute(
        select(DocumentRequest.period, DocumentRequest.item, DocumentRequest.status)
        .where(DocumentRequest.client_id == client_id).order_by(DocumentRequest.period, DocumentRequest.item))
    return [(period, item, str(status)) for period, item, status in rows]


def pending(requests: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(period, item) for period, item, status in requests if status == DocumentStatus.pending.value]


def client_tags(said: Said, client_id: int) -> list[str]:
    return list(said.session.execute(select(ClientTag.tag).where(ClientTag.client_id == client_id)).scalars())


def renewable_contracts(said: Said, client_id: int) -> list[tuple[int, str, str, object]]:
    """(id, number, service type, end date) of the client's contracts not terminated and not yet renewed."""
    rows = said.session.execute(
        select(Contract.id, Contract.contract_no, Contract.service_type, Contract.start_on, Contract.end_on)
        .where(Contract.client_id == client_id, Contract.status != ContractStatus.terminated.value)).all()
    out = []
    for cid, number, service, start, end in rows:
        if any(other_service == service and other_start > start for _, _, other_service, other_start, _ in rows):
            continue
        out.append((cid, number, str(service), end))
    return sorted(out, key=lambda row: (row[3], row[1]))


def open_invoices(said: Said, client_id: int) -> list[tuple[int, str, bool]]:
    """(id, number, disputed) of the client's unpaid invoices issued on or before today, oldest due first."""
    rows = said.session.execute(
        select(Invoice.id, Invoice.invoice_no, Invoice.disputed)
        .where(Invoice.client_id == client_id, Invoice.paid_on.is_(None), Invoice.issued_on <= said.today)
        .order_by(Invoice.due_on, Invoice.invoice_no))
    return [(iid, number, bool(disputed)) for iid, number, disputed in rows]
