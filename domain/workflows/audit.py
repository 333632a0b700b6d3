"""A workflow move in the one audit table (domain/actions/models.AuditEntry), beside its WorkflowEvent rows: who,
when, via, old → new per stage, and what undo needs (each stage's and the instance's fields as they were, and the
document requests a wait created: undo deletes them while they are still pending — a later action on one of them
blocks the undo, as for any record, and one received meanwhile by other means refuses it with the reason)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.actions.models import AuditEntry
from domain.models import Staff
from domain.workflows.transitions import Applied, Change

ACTIONS = {"completed": "stage", "waiting": "stage", "reassigned": "assignee", "closed": "stage"}  # the field changed


def record_workflow(session: Session, applied: Applied, change: Change, context: dict[str, Any],
                    before: dict[int, dict[str, Any]] | None = None) -> AuditEntry:
    plan = applied.plan
    records = [f"workflow_stage:{stage.id}" for stage in plan.stages]
    undo = [{"op": "update", "table": "workflow_stage", "key": {"id": stage.id}, "values": old}
            for stage in plan.stages if (old := (before or {}).get(stage.id)) is not None]
    for request in applied.documents:
        records.append(f"document_request:{request.id}")
        undo += [{"op": "delete", "table": "document_request", "key": {"id": request.id}},
                 {"op": "expect", "table": "document_request", "key": {"id": request.id},
                  "values": {"status": "pending"}, "what": f"{request.period} {request.item}",
                  "reason": "document_received"}]
    if plan.closes:
        records.append(f"workflow_instance:{plan.instance.id}")
        undo.append({"op": "update", "table": "workflow_instance", "key": {"id": plan.instance.id},
                     "values": {"status": "open", "closed_on": None}})
    first = applied.events[0]
    entry = AuditEntry(kind=f"workflow_{change.kind}", client_id=plan.instance.client_id, actor_id=first.actor_id,
                       actor=first.actor, via=first.via, at=first.at, on=first.on,
                       summary=change.model_dump_json(exclude_defaults=True),
                       changes=json.dumps(_changes(session, applied, context), ensure_ascii=False, default=str),
                       records=" ".join(records), undo=json.dumps(undo, ensure_ascii=False, default=str))
    session.add(entry)
    session.flush()
    return entry


def _changes(session: Session, applied: Applied, context: dict[str, Any]) -> list[dict[str, Any]]:
    """Old → new per stage (an assignee by name, as people read the change log), then each request created."""
    plan = applied.plan
    label = " ".join(str(part) for part in (context.get("workflow", ""), plan.instance.period) if part)
    people = {e.from_staff_id for e in applied.events} | {e.to_staff_id for e in applied.events}
    names = dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(people - {None}))).all())
    changes = []
    for event in applied.events:
        stage = next((s for s in plan.stages if s.key == event.stage_key), None)
        target = f"{label} {stage.name_zh}" if stage else label
        if event.action == "reassigned":
            changes.append({"target": target, "field": "assignee", "old": names.get(event.from_staff_id),
                            "new": names.get(event.to_staff_id)})
        else:
            changes.append({"target": target, "field": ACTIONS[event.action], "old": event.from_status,
                            "new": event.to_status})
    changes += [{"target": f"{r.period} {r.item}", "field": "requested", "old": None, "new": r.due_on}
                for r in applied.documents]
    return changes


def stage_snapshot(stages: list[Any]) -> dict[int, dict[str, Any]]:
    """The fields a workflow move changes, as they are before it (for undo)."""
    return {s.id: {"status": str(s.status), "done_on": s.done_on, "done_by_id": s.done_by_id,
                   "waiting_since": s.waiting_since, "assignee_id": s.assignee_id} for s in stages}
