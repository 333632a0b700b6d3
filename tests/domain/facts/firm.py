"""A tiny-firm builder for the facts and executor tests: rows written with the real models, then the real
payment allocation (`reallocate`) so that `paid_on` and the allocations are what production computes.

Dates are given as "YYYY-MM-DD" strings and amounts as yuan ("1000" or "12.34") for readability.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count

from sqlalchemy.orm import Session

from domain.allocation import reallocate
from domain.identities import CHAT_PLATFORMS
from domain.models import (
    Client,
    ClientTag,
    Contact,
    Contract,
    DocumentRequest,
    Feedback,
    Interaction,
    Invoice,
    Payment,
    ServiceLog,
    Staff,
    TaxObligation,
)
from domain.money import to_cents
from domain.scope import Viewer, viewer_for_contact, viewer_for_staff
from tests.chat_ids import bind_chat_ids

TODAY = date(2026, 11, 22)


def d(text: str | date) -> date:
    return text if isinstance(text, date) else date.fromisoformat(text)


class Firm:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._seq = count(1)

    def _add(self, row):
        self.session.add(row)
        self.session.flush()
        return row

    def staff(self, name: str, role: str = "staff", manager: Staff | None = None, hourly: str = "0",
              **chat_ids: str) -> Staff:
        """A staff member; `chat_ids` by platform (slack="U1", wecom=…, dingtalk=…) become chat identities."""
        row = self._add(Staff(name=name, role=role, manager_id=manager.id if manager else None,
                              hourly_cost_cents=to_cents(hourly)))
        bind_chat_ids(self.session, row, **chat_ids)
        return row

    def client(self, name: str, owner: Staff, *, tags: tuple[str, ...] = (), **fields: object) -> Client:
        row = self._add(Client(name=name, owner_id=owner.id, tags="、".join(tags), **fields))
        for tag in tags:
            self._add(ClientTag(client_id=row.id, tag=tag))
        return row

    def contact(self, client: Client, name: str, primary: bool = False, **fields: object) -> Contact:
        """A client contact; ids by platform among `fields` (slack="U1", wecom=…, dingtalk=…) become chat
        identities."""
        ids = {platform: str(fields.pop(platform)) for platform in CHAT_PLATFORMS if platform in fields}
        row = self._add(Contact(client_id=client.id, name=name, is_primary=primary, **fields))
        bind_chat_ids(self.session, row, **ids)
        return row

    def invoice(self, client: Client, no: str, issued: str, due: str, amount: str, contract: Contract | None = None
                ) -> Invoice:
        return self._add(Invoice(invoice_no=no, client_id=client.id, issued_on=d(issued), due_on=d(due),
                                 amount_cents=to_cents(amount), contract_id=contract.id if contract else None))

    def payment(self, client: Client, paid: str, amount: str, invoice: Invoice | None = None) -> Payment:
        seq = next(self._seq)
        return self._add(Payment(row_key=f"p{seq}", client_id=client.id, paid_on=d(paid), seq=seq,
                                 amount_cents=to_cents(amount), invoice_id=invoice.id if invoice else None))

    def contract(self, client: Client, no: str, service: str, start: str, end: str, amount: str = "1200",
                 signed: str | None = None, status: str = "active") -> Contract:
        return self._add(Contract(contract_no=no, client_id=client.id, service_type=service, start_on=d(start),
                                  end_on=d(end), amount_cents=to_cents(amount), signed_on=d(signed or start),
                                  status=status))

    def document(self, client: Client, period: str, item: str, due: str, status: str = "pending",
                 chase: int = 0) -> DocumentRequest:
        return self._add(DocumentRequest(client_id=client.id, period=period, item=item, due_on=d(due), status=status,
                                         chase_count=chase))

    def log(self, client: Client, staff: Staff, on: str, hours: str) -> ServiceLog:
        return self._add(ServiceLog(row_key=f"s{next(self._seq)}", client_id=client.id, staff_id=staff.id,
                                    date=d(on), hours=Decimal(hours)))

    def interaction(self, client: Client, on: str, channel: str = "电话", summary: str = "沟通") -> Interaction:
        return self._add(Interaction(row_key=f"i{next(self._seq)}", client_id=client.id, date=d(on),
                                     channel=channel, summary=summary))

    def feedback(self, client: Client, on: str, score: int, comment: str = "") -> Feedback:
        return self._add(Feedback(row_key=f"f{next(self._seq)}", client_id=client.id, date=d(on), score=score,
                                  comment=comment))

    def tax(self, client: Client, tax: str, frequency: str) -> TaxObligation:
        return self._add(TaxObligation(client_id=client.id, tax=tax, frequency=frequency))

    def allocate(self) -> None:
        self.session.flush()
        reallocate(self.session)
        self.session.flush()
        self.session.expire_all()

    def viewer(self, who: Staff | Contact) -> Viewer:
        if isinstance(who, Contact):
            return viewer_for_contact(who)
        return viewer_for_staff(self.session, who)


def yuan(text: str) -> Decimal:
    return Decimal(text).quantize(Decimal("0.01"))
