"""Renew a contract (actions.md): a new contract for the same client and service, from the day after the old one
ends for a year less a day (or the months named), same amount and billing cycle unless named, signed the day it is
confirmed, numbered after the old one (HT1001-R1, then -R2 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.actions.base import Actor, Change, Outcome, Preview, Refusal, visible_client
from domain.actions.commands import RenewContract
from domain.generator.calendar_math import add_months
from domain.models import Contract, ContractStatus
from domain.money import cents_to_float, to_cents

RENEWAL = re.compile(r"^(?P<base>.+)-R(?P<n>\d+)$")


def renewal_number(session: Session, old: str) -> str:
    found = RENEWAL.match(old)
    base, n = (found["base"], int(found["n"])) if found else (old, 0)
    while True:
        n += 1
        number = f"{base}-R{n}"
        if session.execute(select(Contract.id).where(Contract.contract_no == number)).first() is None:
            return number


@dataclass(frozen=True)
class _RenewContract:
    kind: str = "renew_contract"

    def check(self, session: Session, actor: Actor, command: RenewContract) -> Preview | Refusal:
        old = _old_contract(session, command)
        if isinstance(old, Refusal):
            return old
        client = visible_client(session, actor.viewer, old.client_id)
        if isinstance(client, Refusal):
            return client
        successor = session.execute(select(Contract.contract_no).where(  # renewed as semantics.md says it
            Contract.client_id == old.client_id, Contract.service_type == old.service_type,
            Contract.start_on > old.start_on)).scalars().first()
        if successor is not None:
            return Refusal("nothing_to_do", {"reason": "already_renewed", "contract": old.contract_no,
                                             "renewal": successor})
        if (command.amount is not None and command.amount <= 0) or (command.months is not None and command.months <= 0):
            return Refusal("invalid", {"reason": "amount" if command.amount is not None else "term"})
        start = old.end_on + timedelta(days=1)
        end = add_months(start, command.months or 12) - timedelta(days=1)
        cents = to_cents(command.amount) if command.amount is not None else old.amount_cents
        number = renewal_number(session, old.contract_no)
        value = {"start": start.isoformat(), "end": end.isoformat(), "amount": cents_to_float(cents),
                 "service": str(old.service_type), "renews": old.contract_no}
        return Preview(self.kind, client.id, client.name, [Change(number, "contract", None, value)],
                       {"old_id": old.id, "number": number, "cents": cents})

    def apply(self, session: Session, actor: Actor, command: RenewContract) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        old = session.get(Contract, preview.notes["old_id"])
        assert old is not None
        value = preview.changes[0].new
        new = Contract(contract_no=preview.notes["number"], client_id=old.client_id, service_type=old.service_type,
                       start_on=date.fromisoformat(value["start"]), end_on=date.fromisoformat(value["end"]),
                       amount_cents=preview.notes["cents"], billing_cycle=old.billing_cycle, signed_on=actor.today,
                       auto_renew=old.auto_renew, status=ContractStatus.active)
        session.add(new)
        session.flush()
        return Outcome(preview, [f"contract:{new.id}"], [{"op": "delete", "table": "contract", "key": {"id": new.id}}])


def _old_contract(session: Session, command: RenewContract) -> Contract | Refusal:
    if command.contract_id is not None:
        found = session.get(Contract, command.contract_id)
        return found if found is not None else Refusal("not_found", {"what": "contract"})
    if command.client_id is None:
        return Refusal("needs_input", {}, part="client")
    stmt = select(Contract).where(Contract.client_id == command.client_id,
                                  Contract.status == ContractStatus.active.value)
    if command.service_type is not None:
        stmt = stmt.where(Contract.service_type == command.service_type.value)
    rows = list(session.execute(stmt.order_by(Contract.end_on.desc())).scalars())
    latest: dict[str, Contract] = {}
    for row in rows:  # the latest contract of each service: the one a renewal follows
        latest.setdefault(str(row.service_type), row)
    if not latest:
        return Refusal("not_found", {"what": "contract"})
    if len(latest) > 1:
        return Refusal("needs_input", {}, part="contract",
                       choices=tuple((c.contract_no, str(c.id)) for c in latest.values()))
    return next(iter(latest.values()))


RENEW_CONTRACT = _RenewContract()
