"""Invalid rows for tests: each one breaks exactly one rule of import-format.md, so importing a firm
generated with `bad_rows=N` must report exactly N rejected rows (and the same good rows as without them)."""

from __future__ import annotations

import random
from collections.abc import Callable

from domain.generator.clients import ClientPlan
from domain.generator.codes import corrupt_check, make_credit_code
from domain.generator.sheets import Firm, Pass, client_rows

BadRow = Callable[[Firm, ClientPlan, int, random.Random], tuple[str, list[object]]]


def _bad_credit_code(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    name, short = firm.names.chinese(rng, c.city, c.industry)
    code = corrupt_check(make_credit_code(rng, "310101"))
    return "clients", [name, short, code, "小规模纳税人", c.industry, "小型", "官网", c.city, None,
                       firm.today.isoformat(), c.owner, None, "普通", "服务中"]


def _duplicate_client(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "clients", next(client_rows(Pass(firm, "clients"), c))


def _unknown_client(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    stranger = f"未登记客户{n}号有限公司"
    return "invoices", [f"FPX{n:06d}", stranger, None, firm.today.isoformat(), firm.today.isoformat(), "1,000.00"]


def _unreadable_amount(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "invoices", [f"FPY{n:06d}", c.name, None, firm.today.isoformat(), firm.today.isoformat(), "一千元整"]


def _zero_payment(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "payments", [c.name, None, firm.today.isoformat(), "0.00", "银行转账", f"LSX{n:06d}"]


def _impossible_date(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    year = firm.today.year
    return "contracts", [f"HTX{n:06d}", c.name, "财务咨询", f"{year}-13-01", f"{year + 1}-06-30", "6,000.00",
                         "一次性", None, "否", "执行中"]


def _score_out_of_range(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "feedback", [c.name, firm.today.isoformat(), 6, "满分六分"]


def _zero_hours(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "service_logs", [c.name, firm.today.isoformat(), c.owner, "误录", 0]


def _unknown_status(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    period = f"{firm.today.year}-{firm.today.month:02d}"
    return "documents", [c.name, period, f"其他资料{n}", firm.today.isoformat(), "已作废", 0]


def _missing_name(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "contacts", [c.name, None, "财务", "13800000000", None, "否", None, None, None]


def _unknown_frequency(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "tax_obligations", [c.name, f"地方附加{n}", "每两个月"]


def _missing_date(firm: Firm, c: ClientPlan, n: int, rng: random.Random) -> tuple[str, list[object]]:
    return "interactions", [c.name, None, "电话", c.owner, "日期漏填"]


KINDS: tuple[BadRow, ...] = (
    _bad_credit_code, _unknown_client, _zero_payment, _impossible_date, _score_out_of_range, _zero_hours,
    _unknown_status, _missing_name, _duplicate_client, _unknown_frequency, _missing_date, _unreadable_amount,
)


def inject(firm: Firm, count: int) -> None:
    """Schedule `count` invalid rows (cycling through the kinds), each after a random client's rows."""
    if count and not firm.clients:
        raise ValueError("bad rows need at least one client")
    rng = random.Random(firm.seed * 7919 + count)
    for n in range(count):
        client = rng.choice(firm.clients)
        sheet, row = KINDS[n % len(KINDS)](firm, client, n, rng)
        firm.bad.setdefault(sheet, {}).setdefault(client.idx, []).append(row)
