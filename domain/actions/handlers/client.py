"""Change a client: tier, tags (added / removed, ClientTag kept in step), owner, status. Changing the owner needs a
manager over both the old and the new owner, or an admin (actions.md)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.actions.base import Actor, Change, Outcome, Preview, Refusal, visible_client
from domain.actions.commands import UpdateClient
from domain.models import Client, ClientTag, Role, Staff

TAG_SEPARATOR = "、"


def _tags(client: Client) -> list[str]:
    return [tag for tag in (client.tags or "").split(TAG_SEPARATOR) if tag]


@dataclass(frozen=True)
class _UpdateClient:
    kind: str = "update_client"

    def check(self, session: Session, actor: Actor, command: UpdateClient) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        changes: list[Change] = []
        notes: dict = {}
        if command.tier is not None and command.tier != client.tier:
            changes.append(Change(client.name, "tier", str(client.tier), command.tier.value))
        if command.status is not None and command.status != client.status:
            changes.append(Change(client.name, "status", str(client.status), command.status.value))
        old_tags = _tags(client)
        new_tags = [t for t in old_tags if t not in command.remove_tags]
        new_tags += [t for t in dict.fromkeys(command.add_tags) if t and t not in new_tags]
        if new_tags != old_tags:
            changes.append(Change(client.name, "tags", old_tags, new_tags))
            notes["tags"] = new_tags
        if command.owner_id is not None and command.owner_id != client.owner_id:
            refused = _owner_change(session, actor, client, command.owner_id, changes)
            if refused is not None:
                return refused
        if not changes:
            return Refusal("nothing_to_do", {"reason": "unchanged", "client": client.name})
        return Preview(self.kind, client.id, client.name, changes, notes)

    def apply(self, session: Session, actor: Actor, command: UpdateClient) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        client = session.get(Client, preview.client_id)
        assert client is not None
        old = {"tier": str(client.tier), "status": str(client.status), "owner_id": client.owner_id,
               "tags": client.tags}
        undo: list[dict] = [{"op": "update", "table": "client", "key": {"id": client.id}, "values": old}]
        fields = {c.field for c in preview.changes}
        if "tier" in fields:
            client.tier = command.tier  # type: ignore[assignment]
        if "status" in fields:
            client.status = command.status  # type: ignore[assignment]
        if "owner" in fields:
            client.owner_id = command.owner_id  # type: ignore[assignment]
        if "tags" in fields:
            undo += _retag(session, client, preview.notes["tags"])
        session.flush()
        return Outcome(preview, [f"client:{client.id}"], undo)


def _owner_change(session: Session, actor: Actor, client: Client, owner_id: int, changes: list[Change]
                  ) -> Refusal | None:
    new_owner = session.get(Staff, owner_id)
    if new_owner is None:
        return Refusal("not_found", {"what": "staff"})
    viewer = actor.viewer
    allowed = viewer.is_admin or (viewer.role == Role.manager and viewer.sees_owner(client.owner_id)
                                  and viewer.sees_owner(owner_id))
    if not allowed:
        return Refusal("not_allowed", {"reason": "owner_change", "client": client.name, "staff": new_owner.name})
    old_owner = session.execute(select(Staff.name).where(Staff.id == client.owner_id)).scalar_one_or_none()
    changes.append(Change(client.name, "owner", old_owner, new_owner.name))
    return None


def _retag(session: Session, client: Client, tags: list[str]) -> list[dict]:
    """Store the new tags on the client and in ClientTag; returns the undo operations for ClientTag."""
    before = set(session.execute(select(ClientTag.tag).where(ClientTag.client_id == client.id)).scalars())
    undo: list[dict] = []
    for tag in sorted(before - set(tags)):
        session.execute(delete(ClientTag).where(ClientTag.client_id == client.id, ClientTag.tag == tag))
        undo.append({"op": "insert", "table": "client_tag", "values": {"client_id": client.id, "tag": tag}})
    for tag in tags:
        if tag not in before:
            session.add(ClientTag(client_id=client.id, tag=tag))
            undo.append({"op": "delete", "table": "client_tag", "key": {"client_id": client.id, "tag": tag}})
    client.tags = TAG_SEPARATOR.join(tags)
    return undo


UPDATE_CLIENT = _UpdateClient()
