"""What the import knows about the firm: names and numbers already in the database or stored by earlier sheets,
held in memory so that references are resolved without a query per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.importing.parse import key_text
from domain.models import Client, Contract, Invoice, Staff

DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass
class Book:
    staff: dict[str, int] = field(default_factory=dict)  # key_text(name) → id
    clients: dict[str, int] = field(default_factory=dict)
    contracts: dict[str, tuple[int, int]] = field(default_factory=dict)  # key_text(no) → (id, client_id)
    invoices: dict[str, tuple[int, int]] = field(default_factory=dict)
    timezone: str = DEFAULT_TIMEZONE  # the firm's: dates such as 提交日期 are days in the firm's time

    @classmethod
    def load(cls, session: Session, timezone: str = DEFAULT_TIMEZONE) -> Book:
        book = cls(timezone=timezone)
        book.reload_staff(session)
        book.reload_clients(session)
        book.reload_contracts(session)
        book.reload_invoices(session)
        return book

    def reload_staff(self, session: Session) -> None:
        self.staff = {key_text(name): id_ for name, id_ in session.execute(select(Staff.name, Staff.id))}

    def reload_clients(self, session: Session) -> None:
        self.clients = {key_text(name): id_ for name, id_ in session.execute(select(Client.name, Client.id))}

    def reload_contracts(self, session: Session) -> None:
        query = select(Contract.contract_no, Contract.id, Contract.client_id)
        self.contracts = {key_text(no): (id_, client) for no, id_, client in session.execute(query)}

    def reload_invoices(self, session: Session) -> None:
        query = select(Invoice.invoice_no, Invoice.id, Invoice.client_id)
        self.invoices = {key_text(no): (id_, client) for no, id_, client in session.execute(query)}


def local_day(moment: datetime, timezone: str) -> date:
    """The firm's calendar day of a stored (UTC) timestamp."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def day_moment(day: date, timezone: str) -> datetime:
    """A day written in a workbook as a timestamp: noon of that day in the firm's time, stored in UTC."""
    return datetime.combine(day, time(12), tzinfo=ZoneInfo(timezone)).astimezone(UTC)
