"""The morning digest's line about clients' files: how many documents clients sent in chat (matched to a request)
since the previous working day began, within the reader's scope (`data["documents_received"]`)."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.jobs.context import PlanContext
from bot.reply import Reply
from bot.texts import t
from domain.files.facts import documents_received
from domain.scope import Viewer


def add(ctx: PlanContext, reply: Reply, viewer: Viewer, since: date) -> None:
    start = datetime.combine(since, time(), tzinfo=ctx.moment.tzinfo)
    count = documents_received(ctx.session, viewer, start, ctx.moment)
    reply.data["documents_received"] = count
    if count:
        reply.fields.append((t(ctx.locale, "clients_chat.digest.label"), t(ctx.locale, "clients_chat.digest.value",
                                                                          count=count)))
