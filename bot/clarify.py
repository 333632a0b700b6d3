"""Asking back between two readings of a question: "您是想问 A 还是 B？", one button per reading.

Each button carries the reading's complete query (the same `zf:q:` action as the client-name buttons), so a
tap answers it directly; on a text-only platform the asker can also retype the question more precisely.
"""

from __future__ import annotations

from bot.answer import QUERY_PREFIX, plain_reply
from bot.reply import Action, Reply
from bot.texts import Locale, maybe, t
from domain.queries import Intent, Query


def family_label(locale: Locale, family: str) -> str:
    return maybe(locale, f"nlu.families.{family}") or family


def choice_reply(options: list[tuple[str, Query]], locale: Locale) -> Reply:
    labels = [family_label(locale, family) for family, _ in options]
    head = t(locale, "nlu.ask_back", first=labels[0], second=labels[1]) if len(labels) == 2 else t(
        locale, "nlu.ask_back_many")
    text = head + "\n" + "\n".join(f"• {label}" for label in labels) + "\n" + t(locale, "nlu.ask_back_hint")
    actions = [Action(label=label, value=f"{QUERY_PREFIX}{query.model_dump_json(exclude_defaults=True)}")
               for label, (_, query) in zip(labels, options, strict=True)]
    reply = plain_reply(Intent.unknown, text, locale, actions=actions, suggestions=labels)
    reply.data["choices"] = [family for family, _ in options]
    return reply
