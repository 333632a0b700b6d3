"""Document actions: items received (华信科技10月的银行对账单收到了 / 都齐了) and chasing them (催一下…的10月资料).

Items are matched to the names the client's own requests use: "对账单", "流水" or "bank statement" find the
request called 银行对账单; "发票" alone, when the client has both 进项发票 and 销项发票 pending, is ambiguous.
"""

from __future__ import annotations

import re

from bot.understand.actions.common import ask, done, one_day, relay
from bot.understand.actions.reading import Said
from bot.understand.actions.result import ActionUnderstood, NeedsInput
from bot.understand.actions.targets import document_requests, pending, pick_client
from bot.understand.actions.words import NEW_ITEM
from domain.actions.commands import MarkDocumentsReceived, RequestDocuments

ITEM_WORDS: dict[str, tuple[str, ...]] = {
    "银行对账单": ("银行对账单", "对账单", "银行流水", "流水", "银行回单", "回单", "bank statements", "bank statement",
              "statements", "statement"),
    "进项发票": ("进项发票", "进项票", "进项", "input invoices", "input invoice", "purchase invoices"),
    "销项发票": ("销项发票", "销项票", "销项", "output invoices", "output invoice", "sales invoices"),
    "工资表": ("工资表", "工资单", "工资", "薪资表", "payroll", "salary sheet", "salaries"),
    "费用报销单": ("费用报销单", "报销单", "报销", "费用单", "expense claims", "expense reports", "expenses",
              "reimbursements"),
    "社保明细": ("社保明细", "社保", "social insurance"),
}
GENERIC = ("发票", "invoices")
DOC_GENERIC = re.compile(r"(?:这个月|上个月|本月|的)?(?:资料|材料|单据|票据|凭证|文件|东西|月度资料)")


def _surfaces(item: str) -> tuple[str, ...]:
    for canonical, words in ITEM_WORDS.items():
        if canonical == item or canonical in item or item in canonical:
            return (item.lower(), *words)
    return (item.lower(),)


def named_items(said: Said, known: list[str]) -> list[list[str]]:
    """For each item mention, the item names it can mean (the client's own names first, else the canonical
    vocabulary): one name = clear, several = ambiguous. Longest mentions win ("银行对账单" over "对账单")."""
    names = list(dict.fromkeys(known)) + [c for c in ITEM_WORDS if not any(c in k or k in c for k in known)]
    found: list[tuple[int, int, str]] = []
    for name in names:
        for surface in _surfaces(name):
            at = said.text.find(surface)
            if at >= 0:
                found.append((at, at + len(surface), name))
    for surface in GENERIC:
        at = said.text.find(surface)
        if at >= 0:
            found += [(at, at + len(surface), k) for k in known if "发票" in k]
    mentions: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    for start, end, name in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        inside = next((i for i, (s, e) in enumerate(spans) if s <= start and end <= e), None)
        if inside is None:
            spans.append((start, end))
            mentions.append([name])
        elif spans[inside] == (start, end) and name not in mentions[inside]:
            mentions[inside].append(name)
    return mentions


def _items_and_period(said: Said, client: int, intent: str):
    requests = document_requests(said, client)
    month = said.month()
    if month is False:
        return ask(said, intent, "missing_part", "period", client_id=client)
    mentions = named_items(said, [item for _, item, _ in requests])
    ambiguous = next((m for m in mentions if len(m) > 1), None)
    if ambiguous:
        return ask(said, intent, "ambiguous_target", "items", [(m, m) for m in ambiguous], client_id=client,
                   period=month)
    items = tuple(dict.fromkeys(m[0] for m in mentions))
    return items, month, requests


def _new_item(said: Said) -> tuple[str, ...]:
    """"把营业执照复印件发过来": the words between 把 and the verb, without the client's name and the month."""
    match = NEW_ITEM.search(said.text)
    if match is None:
        return ()
    start, end = match.span("item")
    named = [False] * len(said.text)
    for hit in said.scan.hits:
        if hit.kind in ("client_name", "period", "day") or (hit.kind == "term" and getattr(hit.value, "clients", ())):
            named[hit.start:hit.end] = [True] * (hit.end - hit.start)
    item = "".join(ch for i, ch in enumerate(said.text[start:end], start) if not named[i]).strip("的 ")
    if len(item) < 2 or DOC_GENERIC.fullmatch(item):
        return ()
    return (item,)


def _client_items_period(said: Said, intent: str):
    """The client (or the ask-back naming one), then the items and the period of its requests."""
    client = pick_client(said, intent)
    if isinstance(client, NeedsInput):
        return relay(said, client, period=said.month() or None)
    got = _items_and_period(said, client, intent)
    if isinstance(got, ActionUnderstood):
        return got
    return (client, *got)


def mark_documents_received(said: Said) -> ActionUnderstood:
    intent = "mark_documents_received"
    got = _client_items_period(said, intent)
    if isinstance(got, ActionUnderstood):
        return got
    client, items, month, requests = got
    if month is None:
        periods = sorted({p for p, item in pending(requests) if not items or item in items})
        if len(periods) > 1:
            return ask(said, intent, "ambiguous_target", "period", [(p, p) for p in periods], client_id=client,
                       items=items)
        month = periods[0] if periods else None
    return done(said, MarkDocumentsReceived(client_id=client, period=month, items=items))


def request_documents(said: Said) -> ActionUnderstood:
    intent = "request_documents"
    got = _client_items_period(said, intent)
    if isinstance(got, ActionUnderstood):
        return got
    client, items, month, _requests = got
    if not items:
        items = _new_item(said)
    due = one_day(said, "future")
    return done(said, RequestDocuments(client_id=client, period=month, items=items, due_on=due))
