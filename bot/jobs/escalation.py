"""Escalations and owner copies, gathered into ONE message per staff member per day (kind "escalation").

Planners add lines under a topic (dunning_copy, dunning_manager, documents_owner, documents_manager); `drafts()`
turns them into one Reply per recipient with a section per topic. A recipient is always the owner of the client
or someone the owner reports to, so every line is within what the reader may see (checked again here).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.jobs.context import PlanContext
from bot.jobs.draft import Draft
from bot.reply import Reply

KIND = "escalation"
TOPICS = ("documents_manager", "dunning_manager", "documents_owner", "dunning_copy")


@dataclass
class Escalations:
    lines: dict[int, dict[str, dict[int, str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(dict)))

    def add(self, topic: str, staff_id: int, line: str, client_id: int) -> None:
        """One line about one client for a staff member (a later line about the same client replaces it)."""
        if topic not in TOPICS:
            raise ValueError(f"unknown escalation topic {topic!r}")
        self.lines[staff_id][topic][client_id] = line

    def drafts(self, ctx: PlanContext) -> list[Draft]:
        out = []
        for staff_id, topics in sorted(self.lines.items()):
            to = ctx.directory.staff(staff_id)
            if to is None:
                ctx.missed(KIND)
                continue
            viewer = ctx.directory.viewer(staff_id)
            sections = []
            for topic in TOPICS:
                entries = topics.get(topic, {})
                shown = [line for cid, line in sorted(entries.items(), key=lambda e: e[1])
                         if viewer.sees_owner(ctx.clients[cid].owner_id)]
                if shown:
                    sections.append((ctx.say(f"escalation.{topic}.heading", clients=ctx.units("clients", len(shown))),
                                     shown))
            if not sections:
                continue
            reply = Reply(intent=KIND, title=ctx.say("escalation.title"),
                          text=ctx.say("escalation.intro", name=to.label), sections=sections, locale=ctx.locale,
                          source="system",
                          data={"kind": KIND, "topics": {t: sorted(topics[t]) for t in TOPICS if t in topics}})
            out.append(ctx.draft(KIND, to, "follow-ups", reply,
                                 about=ctx.say("escalation.subject", count=sum(len(s[1]) for s in sections))))
        return out
