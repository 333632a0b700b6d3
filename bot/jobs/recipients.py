"""Who receives a reminder, and where: staff and client contacts → a chat Destination, and the readers' scope.

Platforms are tried in the firm's order of preference (reminder settings `platforms`, default WeCom, DingTalk,
Slack), limited to the platforms the firm has configured (Settings.platforms()). A firm that has configured none
yet (a demo, a dry run) may use every listed platform, and reaches people with no chat id on the console.

- A staff member: on each platform in turn, their chat identity there (ChatIdentity — bound with `zhangfang bind`
  or imported from the staff sheet; the earliest) → a direct message.
- A client: its bound group chat (ChatBinding; a chat id, or a group robot's webhook URL) on the first platform
  that has one; else its contacts — the primary contact first, then the others by id — each through its chat
  identity (bound, or imported from the contacts sheet). With
  `contacts: primary` only the first reachable contact gets the message, with `all` every reachable one.
- Escalations go to the owner's manager (Staff.manager_id).
A person or client with no way to reach them gets nothing (the planner logs how many).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.config import Settings
from bot.delivery import Destination
from bot.jobs.settings import ReminderSettings
from domain.models import ChatBinding, ChatIdentity, Client, Contact, Role, Staff
from domain.scope import Viewer

CHUNK = 500


@dataclass(frozen=True)
class Recipient:
    """`key` names who it is in idempotency keys ("staff:3", "client:42", "contact:7"); `label` in words."""

    key: str
    label: str
    destination: Destination


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: Role
    manager_id: int | None


def platforms_to_use(settings: Settings, reminders: ReminderSettings) -> tuple[list[str], bool]:
    """(platforms in preference order, whether unreachable people fall back to the console)."""
    configured = settings.platforms()
    chosen = [p for p in reminders.platforms if configured.get(p)]
    return (chosen, False) if chosen else (list(reminders.platforms), True)


class Directory:
    """Staff, their hierarchy and chat identities, loaded once per planning run (a few small queries)."""

    def __init__(self, session: Session, settings: Settings, reminders: ReminderSettings) -> None:
        self.session = session
        self.platforms, self.console_fallback = platforms_to_use(settings, reminders)
        self.all_contacts = reminders.contacts == "all"
        self.people: dict[int, Person] = {}
        for row in session.execute(select(Staff)).scalars():
            self.people[row.id] = Person(row.id, row.name, Role(row.role), row.manager_id)  # type: ignore[index]
        self.by_name = {person.name: person.id for person in self.people.values()}
        self._identities: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
        stmt = select(ChatIdentity).order_by(ChatIdentity.created_at.desc(), ChatIdentity.id.desc())
        for ident in session.execute(stmt).scalars():  # the earliest binding wins: written last
            if ident.staff_id is not None:
                self._identities[("staff", ident.staff_id)][ident.platform] = ident.user_id
            if ident.contact_id is not None:
                self._identities[("contact", ident.contact_id)][ident.platform] = ident.user_id
        self._scopes = _owner_sets(self.people)

    # -- staff ---------------------------------------------------------------------------------------------------
    def staff(self, staff_id: int) -> Recipient | None:
        person = self.people.get(staff_id)
        if person is None:
            return None
        destination = self._reach(self._identities.get(("staff", staff_id), {}), person.name)
        return Recipient(f"staff:{staff_id}", person.name, destination) if destination else None

    def manager_of(self, staff_id: int) -> int | None:
        person = self.people.get(staff_id)
        if person is None or person.manager_id is None or person.manager_id == staff_id:
            return None
        return person.manager_id if person.manager_id in self.people else None

    def readers(self) -> list[Person]:
        """The digest's readers: every manager and admin, by name."""
        return sorted((p for p in self.people.values() if p.role in (Role.manager, Role.admin)), key=lambda p: p.name)

    def viewer(self, staff_id: int) -> Viewer:
        """The same Viewer domain.scope.viewer_for_staff gives, built from the hierarchy loaded once."""
        person = self.people[staff_id]
        if person.role == Role.admin:
            owners = None
        elif person.role == Role.manager:
            owners = frozenset(self._scopes.get(staff_id, {staff_id}))
        else:
            owners = frozenset({staff_id})
        return Viewer(kind="staff", name=person.name, staff_id=staff_id, role=person.role, owner_ids=owners)

    # -- clients -------------------------------------------------------------------------------------------------
    def clients(self, client_ids: Iterable[int]) -> dict[int, list[Recipient]]:
        """client id → where its messages go (empty list: no way to reach it)."""
        wanted = sorted(set(client_ids))
        names = dict(self._rows(select(Client.id, Client.name), Client.id, wanted))
        groups = self._groups(wanted)
        contacts = self._contacts([cid for cid in wanted if cid not in groups])
        out: dict[int, list[Recipient]] = {}
        for cid in wanted:
            if cid in groups:
                platform, chat_id = groups[cid]
                kind = "webhook" if chat_id.startswith(("http://", "https://")) else "chat"
                out[cid] = [Recipient(f"client:{cid}", f"{names.get(cid, cid)} 群",
                                      Destination(platform=platform, kind=kind, address=chat_id))]
            else:
                out[cid] = self._contact_recipients(cid, names.get(cid, str(cid)), contacts.get(cid, []))
        return out

    def _groups(self, client_ids: list[int]) -> dict[int, tuple[str, str]]:
        found: dict[int, tuple[str, str]] = {}
        rank = {p: i for i, p in enumerate(self.platforms)}
        stmt = select(ChatBinding.client_id, ChatBinding.platform, ChatBinding.chat_id, ChatBinding.id)
        rows = sorted((r for r in self._rows(stmt, ChatBinding.client_id, client_ids) if r[1] in rank),
                      key=lambda r: (rank[r[1]], r[3]))
        for cid, platform, chat_id, _ in rows:
            found.setdefault(cid, (platform, chat_id))
        return found

    def _contacts(self, client_ids: list[int]) -> dict[int, list[Contact]]:
        found: dict[int, list[Contact]] = defaultdict(list)
        for contact in self._rows(select(Contact), Contact.client_id, client_ids, scalars=True):
            found[contact.client_id].append(contact)
        for contacts in found.values():
            contacts.sort(key=lambda c: (not c.is_primary, c.id))
        return found

    def _contact_recipients(self, client_id: int, client: str, contacts: list[Contact]) -> list[Recipient]:
        out = []
        for contact in contacts:
            destination = self._reach(self._identities.get(("contact", contact.id or 0), {}), None)
            if destination is not None:
                out.append(Recipient(f"client:{client_id}/contact:{contact.id}", f"{client} · {contact.name}",
                                     destination))
                if not self.all_contacts:
                    break
        if not out and self.console_fallback:
            out.append(Recipient(f"client:{client_id}", client, Destination(platform="console", kind="chat",
                                                                            address=client)))
        return out

    # -- shared --------------------------------------------------------------------------------------------------
    def _reach(self, bound: dict[str, str], console_name: str | None) -> Destination | None:
        for platform in self.platforms:
            address = bound.get(platform)
            if address:
                return Destination(platform=platform, kind="user", address=address)
        if self.console_fallback and console_name:
            return Destination(platform="console", kind="user", address=console_name)
        return None

    def _rows(self, stmt: Select, column: InstrumentedAttribute, ids: list[int], *, scalars: bool = False
              ) -> Iterator[Any]:
        for start in range(0, len(ids), CHUNK):
            result = self.session.execute(stmt.where(column.in_(ids[start:start + CHUNK])))
            yield from (result.scalars() if scalars else result)


def _owner_sets(people: dict[int, Person]) -> dict[int, set[int]]:
    """manager id → itself and everyone reporting to it, directly or indirectly (cycles tolerated): one walk of
    each manager's subtree over the hierarchy loaded once, instead of a staff query per manager."""
    children: dict[int, list[int]] = defaultdict(list)
    for person in people.values():
        if person.manager_id is not None and person.manager_id != person.id:
            children[person.manager_id].append(person.id)
    sets: dict[int, set[int]] = {}
    for person in people.values():
        if person.role != Role.manager or person.id in sets:
            continue
        seen: set[int] = set()
        stack = [person.id]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(children.get(current, ()))
        sets[person.id] = seen
    return sets
