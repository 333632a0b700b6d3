"""Client actions: tier, tags, owner and status (把华信科技标记为VIP / 加个标签 / 转给王芳负责 / 不做了), and the
renewal of a contract (HT1001 已续约 / 续签一年，金额12000)."""

from __future__ import annotations

import re

from bot.understand.actions.common import amount_of, ask, done, relay
from bot.understand.actions.reading import Said
from bot.understand.actions.result import ActionUnderstood, NeedsInput
from bot.understand.actions.targets import client_tags, pick_client, renewable_contracts, resolve_codes
from bot.understand.actions.words import CHURN, OWNER, REACTIVATE, SET_VERB, TAG_REMOVE, TAG_WORD, TIER
from domain.actions.commands import RenewContract, UpdateClient
from domain.models import ClientStatus, ServiceType, Tier

NEW_TAG = re.compile(r"(?:加|添加|打上|打个|贴上|贴个|加上|增加)(?:个|一个|上|了)?\s*[\"“']?"
                     r"(?P<t>[\w\u4e00-\u9fff]{2,10}?)"
                     r"[\"”']?\s*(?:的)?\s*标签"
                     r"|标签\s*(?:加上?|添加|增加|打上)?\s*(?:[:：为])?\s*(?P<t2>[\u4e00-\u9fff]{2,8})"
                     r"|(?<![a-z])tag(?:ged)?\s+(?:\S+\s+)?(?:as|with)\s+(?P<t3>[a-z][a-z ]{1,30})$"
                     r"|(?<![a-z])add\s+(?:the\s+)?(?:tag\s+)?(?P<t4>[a-z][a-z ]{1,30}?)\s+tag")
TO_OWNER = re.compile(r"转给|交给|移交给?|划给|分给|转交给?|改由|换成|改成|改为|换给|由|(?<![a-z])to(?![a-z])")
ME = re.compile(r"转给我|交给我|我来负责|我负责|归我|(?<![a-z])(?:to me|myself)(?![a-z])")


def update_client(said: Said) -> ActionUnderstood | None:
    intent = "update_client"
    client = pick_client(said, intent)
    change: dict = {}
    tier = _tier(said)
    if tier is not None:
        change["tier"] = tier
    owner = _owner(said)
    if isinstance(owner, ActionUnderstood):
        return owner
    if owner is not None:
        change["owner_id"] = owner
    if CHURN.search(said.text):
        change["status"] = ClientStatus.churned
    elif REACTIVATE.search(said.text):
        change["status"] = ClientStatus.active
    if isinstance(client, NeedsInput):
        return relay(said, client, **{k: str(v) for k, v in change.items()})
    if TAG_WORD.search(said.text) or (SET_VERB.search(said.text) and tier is None and "owner_id" not in change):
        tags = _tags(said)
        if tags:
            key = "remove_tags" if TAG_REMOVE.search(said.text) else "add_tags"
            if key == "remove_tags":
                have = client_tags(said, client)
                tags = tuple(next((h for h in have if h.lower() == t.lower()), t) for t in tags)
            change[key] = tags
    if not change:
        return None
    return done(said, UpdateClient(client_id=client, **change))


def _tier(said: Said) -> Tier | None:
    if not SET_VERB.search(said.text) and not re.search(r"升|降|改|设|标|mark|set|make|flag", said.text):
        return None
    tiers = {name for match in TIER.finditer(said.text) for name, value in match.groupdict().items() if value}
    return Tier(tiers.pop()) if len(tiers) == 1 else None


def _owner(said: Said) -> int | ActionUnderstood | None:
    if not OWNER.search(said.text) and not ME.search(said.text):
        return None
    staff = _new_owner(said) or list(dict.fromkeys(said.mentions.staff))
    if ME.search(said.text) and said.viewer.staff_id is not None:
        staff.append(said.viewer.staff_id)
    staff = list(dict.fromkeys(staff))
    if len(staff) == 1:
        return staff[0]
    names = said.index.staff_names
    if staff:
        return ask(said, "update_client", "ambiguous_target", "owner", [(names[s], str(s)) for s in staff])
    if re.search(r"转给|交给|移交|划给|分给|转交|reassign|transfer|hand", said.text):
        return ask(said, "update_client", "missing_part", "owner")
    return None


def _new_owner(said: Said) -> list[int]:
    """"把华信科技从王芳转给秦霞": of two colleagues, the one after the hand-over verb."""
    verb = TO_OWNER.search(said.text)
    if verb is None:
        return []
    after = [hit for hit in said.scan.hits if hit.kind == "term" and getattr(hit.value, "staff", ())
             and hit.start >= verb.start()]
    return list(after[0].value.staff) if after else []


def _tags(said: Said) -> tuple[str, ...]:
    known = [tag.split(".", 1)[1] for tag in said.tags if tag.startswith("tag.")]
    if known:
        return tuple(dict.fromkeys(known))
    match = NEW_TAG.search(said.text)
    if match is None:
        return ()
    tag = next(g for g in match.groups() if g).strip()
    return (tag,) if tag else ()


def renew_contract(said: Said) -> ActionUnderstood:
    intent = "renew_contract"
    coded = resolve_codes(said)
    amount = amount_of(said)
    amount = None if isinstance(amount, tuple) else amount
    services = [ServiceType(tag.split(".", 1)[1]) for tag in said.tags if tag.startswith("service.")]
    service = services[0] if len(set(services)) == 1 else None
    client = pick_client(said, intent, coded)
    parts = {"amount": amount, "months": said.months, "service_type": service}
    if isinstance(client, NeedsInput):
        return relay(said, client, **parts)
    if coded.unknown or len(coded.contracts) > 1 or any(cid != client for _, cid, _ in coded.contracts):
        return ask(said, intent, "missing_part", "contract", client_id=client, not_found=coded.unknown, **parts)
    if coded.contracts:
        contract = coded.contracts[0][0]
    else:
        rows = [row for row in renewable_contracts(said, client) if service is None or row[2] == service.value]
        if len(rows) != 1:
            kind = "ambiguous_target" if rows else "missing_part"
            return ask(said, intent, kind, "contract", [(number, str(cid)) for cid, number, _, _ in rows],
                       client_id=client, **parts)
        contract = rows[0][0]
    return done(said, RenewContract(contract_id=contract, client_id=client, service_type=service, amount=amount,
                                    months=said.months))
