"""What a workflow change sets off in the client book.

- A stage that waits on the client and names `documents` (资料交接: 银行对账单, 进项发票 …) creates the period's
  document requests that are missing, due on the stage's due date (today when that has passed): the document
  chasing (bot/jobs/documents.py) then chases them like any other pending request.
- A done stage that names a `filing` marks filings as made, for the tax-deadline reminders and the digest:
  `monthly` (代理记账 纳税申报 of period P) covers every filing made in the month after P — the monthly taxes of P,
  the quarterly taxes of a quarter ending in P, the yearly taxes of a year ending in P — but not the annual items;
  `cit_annual` covers 企业所得税汇算清缴 of the reported year, `annual_report` 工商年报 of the reported year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.calendar import ANNUAL_REPORT, CIT_ANNUAL
from domain.models import DocumentRequest
from domain.workflows.models import StageStatus, WorkflowInstance, WorkflowStage

ANNUAL_ITEMS = {"cit_annual": CIT_ANNUAL, "annual_report": ANNUAL_REPORT}
CHUNK = 500


def ensure_documents(session: Session, instance: WorkflowInstance, stage: WorkflowStage, today: date) -> int:
    """Create the stage's document requests for the instance's period that do not exist yet; returns how many."""
    return len(create_documents(session, instance, stage, today))


def create_documents(session: Session, instance: WorkflowInstance, stage: WorkflowStage,
                     today: date) -> list[DocumentRequest]:
    """The stage's missing document requests for the instance's period, created (flushed, so they have ids)."""
    items = stage.document_items()
    if not items:
        return []
    have = set(session.execute(select(DocumentRequest.item).where(
        DocumentRequest.client_id == instance.client_id, DocumentRequest.period == instance.period)).scalars())
    due = max(stage.due_on, today)
    created = [DocumentRequest(client_id=instance.client_id, period=instance.period, item=item, due_on=due)
               for item in items if item not in have]
    session.add_all(created)
    session.flush()
    return created


def filed_check(session: Session, client_ids: Iterable[int]) -> Callable[[int, str, str, date], bool]:
    """A predicate (client id, tax, period, deadline) → whether a done workflow stage says it has been filed."""
    monthly: set[tuple[int, str]] = set()
    annual: set[tuple[int, str, str]] = set()
    wanted = sorted(set(client_ids))
    for start in range(0, len(wanted), CHUNK):
        stmt = (select(WorkflowStage.client_id, WorkflowStage.filing, WorkflowInstance.period)
                .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
                .where(WorkflowStage.client_id.in_(wanted[start:start + CHUNK]),
                       WorkflowStage.status == StageStatus.done.value, WorkflowStage.filing.is_not(None)))
        for client_id, filing, period in session.execute(stmt):
            if filing == "monthly":
                monthly.add((client_id, period))
            elif filing in ANNUAL_ITEMS:
                annual.add((client_id, ANNUAL_ITEMS[filing], period))

    def filed(client_id: int, tax: str, period: str, deadline: date) -> bool:
        if tax in ANNUAL_ITEMS.values():
            return (client_id, tax, period) in annual
        return (client_id, _month_before(deadline)) in monthly

    return filed


def _month_before(day: date) -> str:
    return f"{day.year - 1}-12" if day.month == 1 else f"{day.year}-{day.month - 1:02d}"
