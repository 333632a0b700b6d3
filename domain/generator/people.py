"""People: unique Chinese names, the firm's staff and its hierarchy."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from domain.generator.vocab import GIVEN, SURNAMES


def person_name(rng: random.Random) -> str:
    """A Chinese name of 2 or 3 characters."""
    given = rng.choice(GIVEN) if rng.random() < 0.35 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def unique_names(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    """`count` distinct names (also distinct from `taken`, which is updated)."""
    taken = taken if taken is not None else set()
    names: list[str] = []
    while len(names) < count:
        name = person_name(rng)
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "17", "18", "19")) + f"{rng.randrange(10**9):09d}"


@dataclass(slots=True)
class StaffPlan:
    name: str
    role: str  # admin | manager | staff
    manager: str | None
    email: str
    phone: str
    hourly_cost_cents: int
    chat_ids: dict[str, str] = field(default_factory=dict)  # platform → user id


def staff_count(clients: int) -> int:
    """About one staff member per 22 clients, plus managers and an admin."""
    return max(2, round(clients / 22))


def build_staff(rng: random.Random, clients: int) -> list[StaffPlan]:
    """Admin → (directors →) managers → staff.

    Firms with 6+ managers (about 1,000 clients) get a second management level: directors, role manager."""
    workers = staff_count(clients)
    managers = max(1, round(workers / 7))
    directors = managers // 5 if managers >= 6 else 0
    names = unique_names(rng, 1 + directors + managers + workers)
    emails = _emails(names)
    admin = names[0]
    plans = [_staff(rng, admin, "admin", None, emails[0], 30000)]
    director_names = names[1 : 1 + directors]
    for i, name in enumerate(director_names, start=1):
        plans.append(_staff(rng, name, "manager", admin, emails[i], rng.randrange(200, 261, 10) * 100))
    manager_names = names[1 + directors : 1 + directors + managers]
    for i, name in enumerate(manager_names, start=1 + directors):
        boss = director_names[i % directors] if directors else admin
        plans.append(_staff(rng, name, "manager", boss, emails[i], rng.randrange(150, 221, 10) * 100))
    for i, name in enumerate(names[1 + directors + managers :], start=1 + directors + managers):
        cost = rng.randrange(60, 131, 5) * 100 + rng.choice((0, 0, 0, 50))
        plans.append(_staff(rng, name, "staff", manager_names[i % managers], emails[i], cost))
    return plans


def _staff(rng: random.Random, name: str, role: str, manager: str | None, email: str, cost: int) -> StaffPlan:
    plan = StaffPlan(name, role, manager, email, mobile(rng), cost)
    login = email.split("@", 1)[0]
    if role != "staff" or rng.random() < 0.3:
        plan.chat_ids["wecom"] = login
    if rng.random() < 0.15:
        plan.chat_ids["slack"] = "U" + "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", k=10))
    if rng.random() < 0.1:
        plan.chat_ids["dingtalk"] = "ding" + f"{rng.getrandbits(48):012x}"
    return plan


def _emails(names: list[str]) -> list[str]:
    """Pinyin logins (lijing@…), numbered when two names read the same."""
    from pypinyin import lazy_pinyin  # loaded only when a firm is generated

    seen: dict[str, int] = {}
    emails: list[str] = []
    for name in names:
        login = "".join(lazy_pinyin(name))
        seen[login] = seen.get(login, 0) + 1
        suffix = "" if seen[login] == 1 else str(seen[login])
        emails.append(f"{login}{suffix}@zhangfang-demo.cn")
    return emails
