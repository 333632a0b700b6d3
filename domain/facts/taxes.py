"""Who files which tax in a month: monthly filers every month, quarterly filers in January, April, July and
October (semantics.md); active clients only. Yearly obligations are not part of the monthly filing period.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.facts.common import ACTIVE_ONLY, Owner, client_conditions, code_point, read
from domain.models import Client, Frequency, TaxObligation
from domain.queries import ClientFilter
from domain.scope import Viewer

QUARTER_FILING_MONTHS = (1, 4, 7, 10)


class TaxFiler(NamedTuple):
    client_id: int
    client: str
    owner: str
    tax: str
    frequency: str


def frequencies_filing_in(month: str) -> list[str]:
    """'2026-10' → ['monthly', 'quarterly']; '2026-11' → ['monthly']."""
    mon = int(month.split("-")[1])
    due = [Frequency.monthly.value]
    if mon in QUARTER_FILING_MONTHS:
        due.append(Frequency.quarterly.value)
    return due


def tax_filers(session: Session, viewer: Viewer, month: str, *, tax: str | None = None,
               clients: ClientFilter | None = None) -> list[TaxFiler]:
    """(client, tax) pairs filed in `month`, by client name then tax; only `tax` when given."""
    conds = [TaxObligation.frequency.in_(frequencies_filing_in(month)),
             *client_conditions(viewer, clients, ACTIVE_ONLY)]
    if tax:
        conds.append(TaxObligation.tax == tax.strip())
    stmt = (select(Client.id, Client.name, Owner.name, TaxObligation.tax, TaxObligation.frequency)
            .join(Client, Client.id == TaxObligation.client_id).join(Owner, Owner.id == Client.owner_id)
            .where(*conds).order_by(code_point(Client.name), TaxObligation.tax))
    return list(map(TaxFiler._make, read(session, stmt)))  # every column is already the row's type
