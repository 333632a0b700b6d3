"""What the import knows about the firm: names and numbers already in the database or stored by earlier sheets,
held in memory so that references are resolved without a query per row."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.importing.parse import key_text
from domain.models import Client, Contract, Invoice, Staff


@dataclass
class Book:
    staff: dict[str, int] = field(default_factory=dict)  # key_text(name) → id
    clients: dict[str, int] = field(default_factory=dict)
    contracts: dict[str, tuple[int, int]] = field(default_factory=dict)  # key_text(no) → (id, client_id)
    invoices: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Book:
        book = cls()
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
