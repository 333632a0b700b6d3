"""The action desk: propose (checked, previewed, nothing changed) → the proposer confirms (a button or typing 确认)
→ applied in one transaction and audited; 取消 drops it; 撤销 steps the asker's latest change back.

Button values (`zf:act:` + …): `yes:<token>`, `no:<token>`, `cmd:<command JSON>` (a choice of an ask-back: the
command completed with the chosen value, proposed like a typed one).
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bot.actions import render
from bot.actions.render import at, kind_name
from bot.reply import Action, Reply
from bot.texts import Locale
from domain.actions import proposals
from domain.actions.audit import UndoRefused, changes_of, undo_latest
from domain.actions.base import Actor, Preview, Refusal
from domain.actions.commands import Command
from domain.actions.handle import Done, apply, check, command_of
from domain.actions.models import ProposalStatus
from domain.actions.proposals import ProposalError
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
MINUTES = int(proposals.TTL.total_seconds() // 60)
PART_FIELDS = {"client": "client_id", "invoice": "invoice_ids", "contract": "contract_id", "period": "period",
               "owner": "owner_id", "items": "items"}


class ActionDesk:
    def __init__(self, app: App) -> None:
        self.app = app

    def actor(self, viewer: Viewer, via: str) -> Actor:
        return Actor(viewer, via, self.app.today(), self.app.clock.now(),
                     {"document_due_days": self.app.settings.document_request_days})

    # -- propose -------------------------------------------------------------------------------------------------
    def propose(self, viewer: Viewer, command: Command, via: str, locale: Locale) -> Reply:
        if command.kind == "undo":
            return self.undo(viewer, via, locale)
        actor = self.actor(viewer, via)
        with self.app.session() as session:
            preview = check(session, actor, command)
            if isinstance(preview, Refusal):
                return self.refused(command, preview, locale)
            earlier = proposals.latest(session, viewer.staff_id or 0)
            changes = [c.as_dict() for c in preview.changes]
            proposal = proposals.propose(session, viewer.staff_id or 0, command.kind, command.model_dump_json(),
                                         via, actor.now, preview=changes, client_id=preview.client_id, locale=locale)
            lines = self._preview_lines(preview, changes, locale)
            if earlier is not None:
                lines.append(at("pending.replaced", locale, action=kind_name(locale, earlier.kind)))
            lines.append(at("propose.hint", locale, minutes=MINUTES))
            actions = [render.button(locale, "confirm", f"yes:{proposal.token}", "primary"),
                       render.button(locale, "cancel", f"no:{proposal.token}", "danger")]
        return render.reply(command.kind, "proposed", locale, title="proposal", text="\n".join(lines),
                            changes=changes, actions=actions, client=preview.client, notes=_jsonable(preview.notes))

    def _preview_lines(self, preview: Preview, changes: list[dict[str, Any]], locale: Locale) -> list[str]:
        symbol = self.app.settings.currency_symbol
        lines = [at("propose.head", locale, action=kind_name(locale, preview.kind, changes), client=preview.client)]
        lines += render.change_lines(locale, changes, symbol)
        if preview.notes.get("settles"):
            lines.append(at("propose.settles", locale, invoices=render.join(locale, preview.notes["settles"])))
        if preview.notes.get("credit"):
            lines.append(at("propose.credit", locale, amount=render.money(preview.notes["credit"], symbol)))
        if preview.kind == "request_documents":
            lines.append(at("propose.chase", locale))
        return lines

    # -- decide --------------------------------------------------------------------------------------------------
    def confirm(self, viewer: Viewer, token: str | None, via: str, locale: Locale) -> Reply:
        actor = self.actor(viewer, via)
        effects: list[tuple[str, Any]] = []
        with self.app.session() as session:
            try:
                proposal = proposals.awaiting(session, viewer.staff_id or 0, token, actor.now)
                proposals.claim(session, proposal, ProposalStatus.confirmed, actor.now)  # the row lock
            except ProposalError as exc:
                return self.pending_reply("confirm", exc, locale)
            locale = proposal.locale if proposal.locale in ("zh", "en") else locale  # type: ignore[assignment]
            command = command_of(proposal.payload)
            done = apply(session, actor, command)
            if isinstance(done, Refusal):
                proposals.set_status(session, proposal, ProposalStatus.refused, actor.now)
                return self.refused(command, done, locale, on_confirm=True)
            reply = self.done_reply(command, done, locale)
            effects = [(name, (value, done)) for name, value in done.outcome.effects]
        for name, (value, done) in effects:
            if name == "chase":
                from bot.actions.chase import chase_now

                try:
                    line = chase_now(self.app, done.outcome.preview.client_id, value, done.entry.id, locale)
                except Exception:  # the change is made; the message is the planner's to send then
                    log.exception("could not queue the chase of audit row %s", done.entry.id)
                    line = at("done.chase_failed", locale)
                reply.text += "\n" + line
                reply.data["text"] = reply.text
        return reply

    def cancel(self, viewer: Viewer, token: str | None, locale: Locale) -> Reply:
        now = self.app.clock.now()
        with self.app.session() as session:
            try:
                proposal = proposals.awaiting(session, viewer.staff_id or 0, token, now)
                proposals.claim(session, proposal, ProposalStatus.cancelled, now)
            except ProposalError as exc:
                return self.pending_reply("cancel", exc, locale)
        return render.reply(proposal.kind, "cancelled", locale, title="pending", text=at("pending.cancelled", locale))

    def undo(self, viewer: Viewer, via: str, locale: Locale) -> Reply:
        actor = self.actor(viewer, via)
        with self.app.session() as session:
            result = undo_latest(session, actor)
            if isinstance(result, UndoRefused):
                return self._undo_refused(result, locale)
            entry, own = result
            changes = changes_of(own)
            client = entry_client(session, entry.client_id)
        lines = [at("undo.done", locale, action=kind_name(locale, entry.kind, changes_of(entry)), client=client)]
        lines += render.change_lines(locale, changes, self.app.settings.currency_symbol)
        return render.reply(entry.kind, "undone", locale, title="undone", text="\n".join(lines), changes=changes,
                            client=client)

    def _undo_refused(self, refused: UndoRefused, locale: Locale) -> Reply:
        if refused.code == "undo_changed" and refused.entry is not None:
            details = refused.details or {}
            reason = _safe(locale, f"undo.changed_reasons.{details.get('reason', '')}", {}) or ""
            text = at("undo.changed", locale, action=kind_name(locale, refused.entry.kind),
                      what=details.get("what", ""), reason=reason)
            return render.reply(refused.entry.kind, "refused", locale, title="refused", text=text,
                                error="undo_changed", changed=details)
        if refused.code == "undo_nothing" or refused.entry is None or refused.blocker is None:
            return render.reply("undo", "refused", locale, title="refused", text=at("undo.nothing", locale),
                                error="undo_nothing")
        text = at("undo.blocked", locale, action=kind_name(locale, refused.entry.kind), actor=refused.blocker.actor,
                  at=render.when(locale, refused.blocker.at, self.app.settings.tz),
                  later=kind_name(locale, refused.blocker.kind))
        return render.reply(refused.entry.kind, "refused", locale, title="refused", text=text, error="undo_blocked",
                            blocked_by={"kind": refused.blocker.kind, "actor": refused.blocker.actor,
                                        "at": refused.blocker.at.isoformat()})

    # -- buttons ---------------------------------------------------------------------------------------------------
    def pressed(self, viewer: Viewer, payload: str, via: str, locale: Locale) -> Reply:
        verb, _, rest = payload.partition(":")
        if verb == "yes":
            return self.confirm(viewer, rest, via, locale)
        if verb == "no":
            return self.cancel(viewer, rest, locale)
        if verb == "cmd":
            try:
                command = command_of(rest)
            except ValidationError:
                return self.pending_reply("confirm", ProposalError("nothing_pending"), locale)
            return self.propose(viewer, command, via, locale)
        return self.pending_reply("confirm", ProposalError("nothing_pending"), locale)

    # -- replies -------------------------------------------------------------------------------------------------
    def done_reply(self, command: Command, done: Done, locale: Locale) -> Reply:
        preview, entry = done.outcome.preview, done.entry
        changes = [c.as_dict() for c in preview.changes]
        lines = [at("done.head", locale, action=kind_name(locale, command.kind, changes), client=preview.client)]
        lines += render.change_lines(locale, changes, self.app.settings.currency_symbol)
        if preview.notes.get("settles"):
            lines.append(at("propose.settles", locale, invoices=render.join(locale, preview.notes["settles"])))
        moment = render.when(locale, entry.at, self.app.settings.tz)
        lines.append(at("done.record", locale, actor=entry.actor, at=moment, via=render.via_name(locale, entry.via)))
        lines.append(at("done.undo_hint", locale))
        return render.reply(command.kind, "done", locale, title="done", text="\n".join(lines), changes=changes,
                            client=preview.client, actor=entry.actor, via=entry.via, at=entry.at.isoformat(),
                            audit_id=entry.id)

    def refused(self, command: Command, refusal: Refusal, locale: Locale, *, on_confirm: bool = False) -> Reply:
        if refusal.code == "needs_input":
            return self.needs_reply(command.kind, refusal.part, locale, refusal.choices,
                                    command.model_dump(mode="json"), refusal.details)
        text = refusal_text(locale, refusal)
        if on_confirm:
            text = at("refused.refused_on_confirm", locale, reason=text)
        return render.reply(command.kind, "refused", locale, title="refused", text=text, error=refusal.code)

    def needs_reply(self, intent: str, part: str, locale: Locale, choices: tuple[tuple[str, str], ...] = (),
                    partial: dict[str, Any] | None = None, details: dict[str, Any] | None = None) -> Reply:
        """A question back: what is missing, with a button per choice (the command completed with it)."""
        values = {"client": self._client_name((partial or {}).get("client_id")), **(details or {})}
        text = _safe(locale, f"needs.{part}", values) or at("needs.other", locale)
        actions = []
        field = PART_FIELDS.get(part)
        for label, value in choices[:8]:
            if partial is None or field is None:
                break
            filled = {**partial, field: _value(field, value)}
            actions.append(Action(label=label, value=f"{render.PREFIX}cmd:{json.dumps(filled, ensure_ascii=False)}"))
        if choices:
            text += "\n" + "\n".join(f"• {label}" for label, _ in choices)
        items = [{"label": label, "value": value} for label, value in choices]
        return render.reply(intent, "needs_input", locale, title="needs_input", text=text, items=items,
                            actions=actions, part=part)

    def _client_name(self, client_id: Any) -> str:
        if not isinstance(client_id, int):
            return ""
        with self.app.session() as session:
            return entry_client(session, client_id)

    def pending_reply(self, verb: str, error: ProposalError, locale: Locale) -> Reply:
        intent = error.proposal.kind if error.proposal is not None else f"action_{verb}"
        status = error.code
        if error.code == "decided" and error.proposal is not None and error.proposal.status == "replaced":
            status = "replaced"
        return render.reply(intent, status, locale, title="pending",
                            text=at(f"pending.{error.code}", locale, minutes=MINUTES))

def refusal_text(locale: Locale, refusal: Refusal) -> str:
    details = {k: ("、".join(v) if isinstance(v, list | tuple) else v) for k, v in refusal.details.items()}
    if refusal.code == "not_allowed" and details.get("reason") == "owner_change":
        return at("refused.not_allowed_owner", locale)
    if refusal.code == "not_found":
        what = _safe(locale, f"what.{details.get('what', 'client')}", {}) or ""
        return at("refused.not_found", locale, what=what)
    reason = str(details.get("reason", ""))
    explained = _safe(locale, f"reasons.{reason}", details) or reason
    if refusal.code == "nothing_to_do":
        return at("refused.nothing_to_do", locale, reason=explained)
    if refusal.code == "invalid":
        return at("refused.invalid", locale, reason=explained)
    return at("refused.not_allowed", locale)


def entry_client(session: Any, client_id: int | None) -> str:
    from domain.actions.base import client_name

    return client_name(session, client_id) if client_id is not None else ""


def _safe(locale: Locale, key: str, values: dict[str, Any]) -> str | None:
    from bot.texts import maybe

    return maybe(locale, f"actions.{key}", **values)


def _value(field: str, value: str) -> Any:
    if field == "invoice_ids":
        return [int(value)] if value.isdigit() else []
    if field == "items":
        return [value]
    if field.endswith("_id"):
        return int(value) if value.isdigit() else value
    return value


def _jsonable(notes: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in notes.items() if k in ("settles", "credit", "period", "due")}

