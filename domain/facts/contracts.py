"""Contracts (semantics.md "Contracts"): expiring (renewal list), active, signed in a window.

A contract is renewed when the same client has another contract for the same service type starting later
than this one starts (any status: a later contract is a renewal decision already taken); terminated
contracts never appear in renewal lists.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, aliased

from domain.facts.built import STATEMENTS, filter_key
from domain.facts.common import Owner, client_conditions, exists_row, money, read
from domain.models import Client, Contract, ContractStatus, ServiceType
from domain.queries import ClientFilter
from domain.scope import Viewer


class ContractRow(NamedTuple):
    contract_no: str
    client: str
    service_type: str
    start_on: date
    end_on: date
    amount: Decimal
    owner: str


def is_renewed() -> ColumnElement[bool]:
    """The current `Contract` row has a later contract of the same client and service type."""
    later = aliased(Contract, name="later")
    return exists_row(later.client_id == Contract.client_id, later.service_type == Contract.service_type,
                          later.start_on > Contract.start_on)


def not_terminated() -> ColumnElement[bool]:
    return Contract.status != ContractStatus.terminated.value


def expiring(session: Session, viewer: Viewer, today: date, start: date, end: date, *,
             clients: ClientFilter | None = None, service_type: ServiceType | None = None) -> list[ContractRow]:
    """Not terminated, not renewed, end date in the window and not before today — whatever the client's status.
    Sorted by end date, then contract number."""
    start = max(start, today)
    if end < start:
        return []
    def build() -> Select:
        conds = [Contract.end_on >= start, Contract.end_on <= end, not_terminated(), ~is_renewed(),
                 *client_conditions(viewer, clients)]
        if service_type is not None:
            conds.append(Contract.service_type == service_type.value)
        return _statement(conds)

    return _read_rows(session, STATEMENTS.get(("expiring", start, end, viewer, filter_key(clients), service_type),
                                              build))


def active_contracts(session: Session, viewer: Viewer, today: date, *,
                     clients: ClientFilter | None = None) -> list[ContractRow]:
    """Not terminated and start ≤ today ≤ end."""
    conds = [Contract.start_on <= today, Contract.end_on >= today, not_terminated(),
             *client_conditions(viewer, clients)]
    return _rows(session, conds)


def _rows(session: Session, conds: list[ColumnElement[bool]]) -> list[ContractRow]:
    return _read_rows(session, _statement(conds))


def _statement(conds: list[ColumnElement[bool]]) -> Select:
    return (select(Contract.contract_no, Client.name, Contract.service_type, Contract.start_on, Contract.end_on,
                   Contract.amount_cents, Owner.name)
            .join(Client, Client.id == Contract.client_id).join(Owner, Owner.id == Client.owner_id)
            .where(*conds).order_by(Contract.end_on, Contract.contract_no))


def _read_rows(session: Session, stmt: Select) -> list[ContractRow]:
    return [ContractRow(no, client, str(service), start, end, money(amount), owner)
            for no, client, service, start, end, amount, owner in read(session, stmt)]


class SignedRow(NamedTuple):
    contract_no: str
    client: str
    service_type: str
    signed_on: date
    amount: Decimal
    owner: str


def signed_contracts(session: Session, viewer: Viewer, start: date, end: date, *,
                     clients: ClientFilter | None = None) -> list[SignedRow]:
    """The contracts whose signing date is in [start, end] (terminated ones too: they were signed), by signing
    date, then contract number — the rows behind `signed`."""
    stmt = (select(Contract.contract_no, Client.name, Contract.service_type, Contract.signed_on, Contract.amount_cents,
                   Owner.name)
            .join(Client, Client.id == Contract.client_id).join(Owner, Owner.id == Client.owner_id)
            .where(Contract.signed_on >= start, Contract.signed_on <= end, *client_conditions(viewer, clients))
            .order_by(Contract.signed_on, Contract.contract_no))
    return [SignedRow(no, client, str(service), on, money(amount), owner)
            for no, client, service, on, amount, owner in read(session, stmt)]

