"""The firm's clients: names, registration data, status, tier and the traits that shape their history."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from domain.generator.codes import make_credit_code
from domain.generator.people import StaffPlan
from domain.generator.vocab import (
    BRAND_FIRST,
    BRAND_SECOND,
    CITIES,
    CITY_EN,
    CITY_WEIGHTS,
    EN_BRANDS,
    EN_QUALIFIERS,
    INDUSTRIES,
    INDUSTRY_EN,
    INDUSTRY_WEIGHTS,
    ROADS,
    SIZE_WEIGHTS,
    SIZES,
    SOURCE_WEIGHTS,
    SOURCES,
    TAGS,
)

_CITY_NAMES = tuple(CITIES)
_CITY_CUM = tuple(accumulate(CITY_WEIGHTS))
_INDUSTRY_NAMES = tuple(INDUSTRIES)
_INDUSTRY_CUM = tuple(accumulate(INDUSTRY_WEIGHTS))


@dataclass(slots=True)
class ClientPlan:
    idx: int
    name: str
    short_name: str
    credit_code: str | None
    taxpayer: str  # general | small
    industry: str
    size: str
    source: str
    city: str
    address: str
    owner: str
    tags: list[str]
    tier: str  # vip | normal | high_risk
    status: str  # active | churned | prospect
    signed_on: date | None
    churned_on: date | None
    payer: str  # good | slow | bad: how it pays its invoices
    cycle: str  # monthly | quarterly | yearly: how its main service is billed
    monthly_fee_cents: int
    main_service: str  # bookkeeping | tax_filing
    terms_days: int  # invoice due date = issue date + terms
    neglected: bool  # not contacted for 90+ days
    slow_documents: bool  # sends documents late
    extras: list[str] = field(default_factory=list)  # audit, registration, consulting, tax_planning


class NameBook:
    """Unique Chinese (region + brand + industry + 有限公司) and English company names."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def chinese(self, rng: random.Random, city: str, industry: str) -> tuple[str, str]:
        word = rng.choice(INDUSTRIES[industry])
        for attempt in range(50):
            brand = rng.choice(BRAND_FIRST) + rng.choice(BRAND_SECOND)
            if attempt >= 20:  # a crowded corner of the name space: three-character brands
                brand += rng.choice(BRAND_SECOND)
            name = f"{city}{brand}{word}有限公司"
            if name not in self.taken and brand[0] != brand[1]:
                self.taken.add(name)
                return name, brand + word[:2]
        return self._numbered(f"{city}{brand}{word}", "有限公司", brand)

    def english(self, rng: random.Random, city: str, industry: str) -> tuple[str, str]:
        where, what = CITY_EN[city], INDUSTRY_EN[industry]
        for _ in range(30):
            brand = rng.choice(EN_BRANDS) + rng.choice(EN_QUALIFIERS)
            name = f"{brand} {what} ({where}) Co., Ltd."
            if name not in self.taken:
                self.taken.add(name)
                return name, brand
        return self._numbered(f"{brand} {what} ({where})", " Co., Ltd.", brand)

    def _numbered(self, stem: str, tail: str, short: str) -> tuple[str, str]:
        n = 2
        while f"{stem}{n}{tail}" in self.taken:
            n += 1
        self.taken.add(f"{stem}{n}{tail}")
        return f"{stem}{n}{tail}", short


def build_clients(
    rng: random.Random, count: int, staff: list[StaffPlan], today: date, payers: str = "typical"
) -> tuple[list[ClientPlan], NameBook]:
    owners, owner_cum = _owner_weights(rng, staff)
    book = NameBook()
    plans = [_client(rng, idx, book, owners, owner_cum, today, payers) for idx in range(count)]
    return plans, book


def _owner_weights(rng: random.Random, staff: list[StaffPlan]) -> tuple[list[str], list[float]]:
    """Staff own most clients (unevenly); managers own a few; the admin owns a handful of VIPs."""
    weights = {"staff": (0.6, 1.4), "manager": (0.15, 0.35), "admin": (0.02, 0.05)}
    names = [s.name for s in staff]
    return names, list(accumulate(rng.uniform(*weights[s.role]) for s in staff))


def _client(rng: random.Random, idx: int, book: NameBook, owners: list[str], owner_cum: list[float],
            today: date, payers: str = "typical") -> ClientPlan:
    city = rng.choices(_CITY_NAMES, cum_weights=_CITY_CUM)[0]
    industry = rng.choices(_INDUSTRY_NAMES, cum_weights=_INDUSTRY_CUM)[0]
    english = rng.random() < 0.05
    name, short = book.english(rng, city, industry) if english else book.chinese(rng, city, industry)
    divisions, districts = CITIES[city]
    district = rng.randrange(len(districts))
    address = f"{city}市{districts[district]}{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
    code = None if rng.random() < 0.03 else make_credit_code(rng, divisions[district % len(divisions)])
    status, signed_on, churned_on = _lifecycle(rng, today)
    tier = _pick(rng, (("vip", 0.10), ("high_risk", 0.04)), "normal")
    taxpayer = "general" if rng.random() < (0.6 if tier == "vip" else 0.33) else "small"
    return ClientPlan(
        idx=idx, name=name, short_name=short, credit_code=code, taxpayer=taxpayer, industry=industry,
        size=rng.choices(SIZES, weights=SIZE_WEIGHTS)[0], source=rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0],
        city=city, address=address, owner=rng.choices(owners, cum_weights=owner_cum)[0],
        tags=rng.sample(TAGS, rng.choice((0, 0, 1, 1, 1, 2))), tier=tier, status=status,
        signed_on=signed_on, churned_on=churned_on, payer=_payer(rng, tier, payers),
        cycle=_pick(rng, (("monthly", 0.25), ("yearly", 0.22)), "quarterly"),
        monthly_fee_cents=_fee(rng, taxpayer, tier),
        main_service="tax_filing" if rng.random() < 0.08 else "bookkeeping",
        terms_days=rng.choice((15, 15, 30, 30, 30)), neglected=rng.random() < 0.08,
        slow_documents=rng.random() < 0.12, extras=_extras(rng, tier),
    )


def _pick(rng: random.Random, options: tuple[tuple[str, float], ...], default: str) -> str:
    r = rng.random()
    for value, share in options:
        if r < share:
            return value
        r -= share
    return default


def _lifecycle(rng: random.Random, today: date) -> tuple[str, date | None, date | None]:
    """~94% active, ~5% churned, ~1% prospect, with signing and churn dates."""
    status = _pick(rng, (("churned", 0.05), ("prospect", 0.01)), "active")
    if status == "prospect":
        return status, None, None
    recent = rng.random() < 0.15
    age = rng.randint(20, 365) if recent and status == "active" else rng.randint(366, 8 * 365)
    signed_on = today - timedelta(days=age)
    if status == "churned":
        return status, signed_on, today - timedelta(days=rng.randint(20, min(600, age - 200)))
    return status, signed_on, None


PAYER_MIXES = {
    "typical": (("slow", 0.18), ("bad", 0.04)),
    # many slow and bad payers: a fifth pay weeks late, a tenth leave almost half their invoices unpaid
    "late": (("slow", 0.20), ("half", 0.10), ("bad", 0.04)),
}


def _payer(rng: random.Random, tier: str, payers: str = "typical") -> str:
    if tier == "high_risk":
        return "bad" if rng.random() < 0.6 else "slow"
    return _pick(rng, PAYER_MIXES[payers], "good")


def _fee(rng: random.Random, taxpayer: str, tier: str) -> int:
    """Monthly bookkeeping fee in cents: a multiple of ¥50 so that every billing split is exact."""
    fee = rng.randrange(200, 651, 50) if taxpayer == "small" else rng.randrange(800, 2501, 100)
    if tier == "vip":
        fee = round(fee * 1.5 / 50) * 50
    return fee * 100


def _extras(rng: random.Random, tier: str) -> list[str]:
    extras = []
    if rng.random() < (0.35 if tier == "vip" else 0.12):
        extras.append("audit")
    if rng.random() < 0.2:
        extras.append("registration")
    if rng.random() < 0.1:
        extras.append("consulting")
    if tier == "vip" and rng.random() < 0.4:
        extras.append("tax_planning")
    return extras
