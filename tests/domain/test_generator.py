"""The demo-firm generator: deterministic, the right sizes, valid data, and a realistic firm in which the
product's questions and reminders find something (overdue clients, expiring contracts, late documents …).

The distribution checks recompute the facts from the generated rows with the definitions of semantics.md
(allocation through domain.allocation), on a tidy firm (`messy=False`), which says exactly what the messy one
says (checked below)."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from domain.allocation import OpenInvoice, PaymentIn, allocate
from domain.generator import check_character, generate_firm, is_valid_credit_code
from domain.generator.clients import build_clients
from domain.generator.people import build_staff
from domain.generator.sheets import HEADERS

TODAY = date(2026, 11, 22)
KEY_BY_TITLE = {title: key for key, (title, _) in HEADERS.items()}


def rows_by_key(sheets) -> dict[str, list[list[object]]]:
    return {KEY_BY_TITLE[s.title]: [list(r) for r in s.rows] for s in sheets}


def as_dicts(rows: dict[str, list[list[object]]], key: str) -> list[dict[str, object]]:
    header = HEADERS[key][1]
    return [dict(zip(header, row, strict=True)) for row in rows[key]]


@pytest.fixture(scope="module")
def tidy() -> dict[str, list[list[object]]]:
    return rows_by_key(generate_firm(400, seed=11, today=TODAY, messy=False))


@pytest.fixture(scope="module")
def clients_2000() -> list[dict[str, object]]:
    sheets = generate_firm(2000, seed=3, today=TODAY)
    return as_dicts({"clients": [list(r) for r in sheets[1].rows]}, "clients")


def d(value: object) -> date:
    return date.fromisoformat(str(value))


# --- determinism and sizes -------------------------------------------------------------------------------

def test_same_seed_same_firm_and_sheets_can_be_read_twice() -> None:
    first = generate_firm(80, seed=5, today=TODAY, bad_rows=4)
    second = generate_firm(80, seed=5, today=TODAY, bad_rows=4)
    assert rows_by_key(first) == rows_by_key(second)
    assert rows_by_key(first) == rows_by_key(first)  # lazily generated rows are the same on every pass


def test_another_seed_gives_another_firm() -> None:
    a = rows_by_key(generate_firm(80, seed=5, today=TODAY))
    b = rows_by_key(generate_firm(80, seed=6, today=TODAY))
    assert {r[0] for r in a["clients"]} != {r[0] for r in b["clients"]}


def test_sheets_and_headers_are_the_import_format() -> None:
    sheets = generate_firm(50, today=TODAY)
    assert [s.title for s in sheets] == ["员工", "客户", "联系人", "合同", "应收", "收款", "资料", "服务记录",
                                         "沟通记录", "反馈", "税种", "承诺付款"]
    assert sheets[0].header == ["姓名", "角色", "上级", "邮箱", "手机", "时薪成本", "Slack ID", "企业微信ID", "钉钉ID"]
    assert sheets[1].header == ["客户名称", "简称", "统一社会信用代码", "纳税人类型", "行业", "规模", "来源", "地区",
                                "地址", "签约日期", "负责人", "标签", "客户等级", "状态"]
    for sheet in sheets:
        assert all(len(row) == len(sheet.header) for row in sheet.rows), sheet.title


@pytest.mark.parametrize("size", [50, 700, 3000])
def test_sizes_staff_and_hierarchy(size: int) -> None:
    rows = rows_by_key(generate_firm(size, seed=2, today=TODAY))
    staff = as_dicts(rows, "staff")
    roles = Counter(s["角色"] for s in staff)
    assert len(rows["clients"]) == size
    assert roles["管理员"] == 1
    assert roles["经理"] >= 1
    assert 20 <= size / roles["员工"] <= 25
    names = {s["姓名"] for s in staff}
    assert len(names) == len(staff)
    assert all(2 <= len(str(n)) <= 3 for n in names)
    assert {s["上级"] for s in staff if s["角色"] != "管理员"} <= names
    assert {c[10] for c in rows["clients"]} <= names  # every owner is a staff member
    manager_of = {s["姓名"]: s["上级"] for s in staff}
    kinds = {s["姓名"]: s["角色"] for s in staff}
    two_levels = any(kinds[m] == "经理" and kinds.get(manager_of[m]) == "经理" for m in names if manager_of[m])
    assert two_levels == (size >= 3000)
    assert all(str(s["邮箱"]).endswith("@zhangfang-demo.cn") for s in staff)
    assert any(s["Slack ID"] for s in staff) or size == 50
    assert any(s["企业微信ID"] for s in staff)


def test_about_ten_invoices_and_ten_payments_per_client() -> None:
    sheets = generate_firm(1000, seed=9, today=TODAY)
    counts = {s.title: sum(1 for _ in s.rows) for s in sheets}
    assert 8_000 <= counts["应收"] <= 12_000
    assert 8_000 <= counts["收款"] <= 12_000
    assert 1_000 <= counts["联系人"] <= 3_000


def test_today_is_a_parameter() -> None:
    for today in (date(2025, 3, 31), date(2027, 1, 1)):
        rows = rows_by_key(generate_firm(100, seed=4, today=today, messy=False))
        assert max(d(r[3]) for r in rows["invoices"]) <= today
        assert max(d(r[2]) for r in rows["payments"]) <= today
        assert min(d(r[3]) for r in rows["invoices"]) >= today - timedelta(days=730)
        assert max(d(r[1]) for r in rows["interactions"]) <= today


# --- validity ------------------------------------------------------------------------------------------------

def test_credit_code_check_against_published_codes() -> None:
    for code in ("91350100M000100Y43", "91110000600037341L", "911101080828461726", "91310000MA1FL4B24G"):
        assert is_valid_credit_code(code)
        assert check_character(code[:17]) == code[17]
    assert not is_valid_credit_code("91350100M000100Y44")
    assert not is_valid_credit_code("91350100M000100Y4")
    assert not is_valid_credit_code("91350100I000100Y43")  # I is not in the alphabet


def test_every_credit_code_is_valid(clients_2000: list[dict[str, object]]) -> None:
    codes = [str(c["统一社会信用代码"]) for c in clients_2000 if c["统一社会信用代码"]]
    assert len(codes) > 0.9 * len(clients_2000)
    assert all(is_valid_credit_code(code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_client_names_unique_chinese_and_some_english(clients_2000: list[dict[str, object]]) -> None:
    names = [str(c["客户名称"]) for c in clients_2000]
    assert len(set(names)) == len(names)
    english = [n for n in names if n.endswith("Co., Ltd.")]
    assert 0.03 * len(names) <= len(english) <= 0.08 * len(names)
    chinese = [n for n in names if n not in english]
    cities = {str(c["地区"]) for c in clients_2000}
    assert 8 <= len(cities) <= 12
    assert all(n.endswith("有限公司") and n[:2] in cities for n in chinese)
    assert all(re.fullmatch(r"[A-Z][A-Za-z ]+ [A-Za-z-]+ \([A-Z][a-z]+\) Co\., Ltd\.", n) for n in english)


def test_client_mix(clients_2000: list[dict[str, object]]) -> None:
    n = len(clients_2000)
    status = Counter(c["状态"] for c in clients_2000)
    tier = Counter(c["客户等级"] for c in clients_2000)
    assert 0.91 <= status["服务中"] / n <= 0.97
    assert 0.03 <= status["已流失"] / n <= 0.07
    assert 0.002 <= status["潜在"] / n <= 0.02
    assert 0.07 <= tier["VIP"] / n <= 0.13
    assert 0.02 <= tier["高风险"] / n <= 0.06
    assert set(Counter(c["纳税人类型"] for c in clients_2000)) == {"一般纳税人", "小规模纳税人"}
    assert any(c["标签"] for c in clients_2000)


def test_bad_rows_are_extra_rows_and_leave_the_good_ones_alone() -> None:
    clean = rows_by_key(generate_firm(60, seed=8, today=TODAY))
    dirty = rows_by_key(generate_firm(60, seed=8, today=TODAY, bad_rows=14))
    extra = sum(len(dirty[k]) - len(clean[k]) for k in clean)
    assert extra == 14
    for key in clean:
        remaining = list(dirty[key])
        for row in clean[key]:
            remaining.remove(row)  # every good row is still there


# --- mess ----------------------------------------------------------------------------------------------------

_DATE_FORMS = tuple(re.compile(p) for p in (
    r"(\d{4})-(\d{2})-(\d{2})", r"(\d{4})/(\d{1,2})/(\d{1,2})", r"(\d{4})\.(\d{2})\.(\d{2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日", r"(\d{4})(\d{2})(\d{2})",
))


def read_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for pattern in _DATE_FORMS:
        match = pattern.fullmatch(str(value))
        if match:
            return date(*map(int, match.groups()))
    raise AssertionError(f"not an accepted date form: {value!r}")


def read_amount(value: object) -> Decimal:
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = str(value).strip().lstrip("¥￥").removesuffix("元").replace(",", "")
    assert re.fullmatch(r"\d+(\.\d{1,2})?", text), value
    return Decimal(text)


def tags(value: object) -> frozenset[str]:
    return frozenset(re.split(r"[,，、;]", str(value))) if value else frozenset()


def period(value: object) -> str:
    match = re.fullmatch(r"(\d{4})(?:-|年)(\d{1,2})月?", str(value))
    assert match, value
    return f"{match[1]}-{int(match[2]):02d}"


def test_messy_firm_says_what_the_tidy_firm_says(tidy: dict[str, list[list[object]]]) -> None:
    messy = rows_by_key(generate_firm(400, seed=11, today=TODAY))
    date_columns = {"clients": (9,), "contracts": (3, 4, 7), "invoices": (3, 4), "payments": (2,),
                    "service_logs": (1,), "interactions": (1,), "feedback": (1,), "documents": (3, 6),
                    "promises": (1, 3)}
    amount_columns = {"contracts": (5,), "invoices": (5,), "payments": (3,), "staff": (5,), "promises": (2,)}
    forms = Counter()
    for key, rows in tidy.items():
        assert len(messy[key]) == len(rows), key
        for clean_row, messy_row in zip(rows, messy[key], strict=True):
            for i, (want, got) in enumerate(zip(clean_row, messy_row, strict=True)):
                if (key, i) == ("clients", 11):
                    assert tags(got) == tags(want)
                elif (key, i) == ("documents", 1):
                    assert period(got) == period(want)
                elif want is None:
                    assert got is None
                elif i in date_columns.get(key, ()):
                    assert read_date(got) == d(want)
                    forms[type(got).__name__ if not isinstance(got, str) else "text"] += 1
                elif i in amount_columns.get(key, ()):
                    assert read_amount(got) == Decimal(want)
                    forms["amount-text" if isinstance(got, str) else "amount-number"] += 1
                else:
                    assert str(got) in (str(want), {"是": "Y", "否": "N"}.get(str(want))), (key, i, want, got)
    assert forms["date"] and forms["text"] and forms["amount-text"] and forms["amount-number"]


# --- a realistic firm: what the questions and reminders look for -----------------------------------------

def open_invoices(rows: dict[str, list[list[object]]]) -> dict[str, list[tuple[str, date, int]]]:
    """Per client: (invoice no, due date, outstanding cents) of invoices not fully paid, by semantics.md."""
    invoices: dict[str, list[OpenInvoice]] = defaultdict(list)
    client_of: dict[int, str] = {}
    for i, (no, client, _contract, issued, due, amount, *_dispute) in enumerate(rows["invoices"]):
        invoices[str(client)].append(OpenInvoice(i, str(no), d(issued), d(due), int(Decimal(amount) * 100)))
        client_of[i] = str(client)
    ids = {inv.invoice_no: inv.id for invs in invoices.values() for inv in invs}
    payments: dict[str, list[PaymentIn]] = defaultdict(list)
    for seq, (client, invoice_no, paid_on, amount, _method, _ref) in enumerate(rows["payments"]):
        payments[str(client)].append(
            PaymentIn(seq, d(paid_on), seq, int(Decimal(amount) * 100), ids.get(invoice_no) if invoice_no else None))
    result: dict[str, list[tuple[str, date, int]]] = defaultdict(list)
    for client, invs in invoices.items():
        allocations, _ = allocate(invs, payments.get(client, ()))
        paid = Counter()
        for a in allocations:
            paid[a.invoice_id] += a.amount_cents
        for inv in invs:
            if inv.amount_cents > paid[inv.id]:
                result[client].append((inv.invoice_no, inv.due_on, inv.amount_cents - paid[inv.id]))
    return result


def test_receivables_have_overdue_clients_in_every_aging_bucket(tidy: dict[str, list[list[object]]]) -> None:
    open_ = open_invoices(tidy)
    overdue = {c: [(TODAY - due).days for _, due, _ in invs if due < TODAY] for c, invs in open_.items()}
    overdue = {c: days for c, days in overdue.items() if days}
    assert 0.05 * 400 <= len(overdue) <= 0.4 * 400
    worst = [max(days) for days in overdue.values()]
    for low, high in ((1, 30), (31, 60), (61, 90), (91, 10_000)):
        assert any(low <= w <= high for w in worst), (low, high)
    due_soon = [no for invs in open_.values() for no, due, _ in invs if TODAY <= due <= TODAY + timedelta(days=7)]
    assert due_soon


def test_payments_are_mostly_on_time_with_partial_unnamed_and_over_payments() -> None:
    rows = rows_by_key(generate_firm(2000, seed=13, today=TODAY, messy=False))
    invoices = {r[0]: (d(r[4]), Decimal(r[5])) for r in rows["invoices"]}
    named = [r for r in rows["payments"] if r[1]]
    on_time = sum(1 for r in named if d(r[2]) <= invoices[r[1]][0])
    assert on_time / len(named) > 0.6
    assert any(Decimal(r[3]) < invoices[r[1]][1] for r in named)  # partial
    assert any(Decimal(r[3]) > invoices[r[1]][1] for r in named)  # over
    unnamed = len(rows["payments"]) - len(named)
    assert 0.02 * len(rows["payments"]) < unnamed < 0.15 * len(rows["payments"])
    no_reference = [r for r in rows["payments"] if not r[5]]
    assert no_reference and len(no_reference) < len(rows["payments"]) / 2


def expiring(rows: dict[str, list[list[object]]], days: int) -> list[str]:
    contracts = as_dicts(rows, "contracts")
    starts = defaultdict(list)
    for k in contracts:
        starts[(k["客户名称"], k["服务类型"])].append(d(k["开始日期"]))
    return [
        str(k["合同编号"]) for k in contracts
        if k["状态"] != "已终止"
        and not any(s > d(k["开始日期"]) for s in starts[(k["客户名称"], k["服务类型"])])
        and TODAY <= d(k["结束日期"]) <= TODAY + timedelta(days=days)
    ]


def test_contracts_expire_renew_and_terminate(tidy: dict[str, list[list[object]]]) -> None:
    in_30, in_60, in_90 = (expiring(tidy, n) for n in (30, 60, 90))
    assert in_30 and len(in_30) < len(in_60) < len(in_90)
    contracts = as_dicts(tidy, "contracts")
    services = Counter(k["服务类型"] for k in contracts)
    assert services["代理记账"] > services["审计"] > 0
    assert {"税务申报", "工商注册", "财务咨询"} <= set(services)
    assert any(k["状态"] == "已终止" for k in contracts)
    renewed_ahead = [k for k in contracts if d(k["开始日期"]) > TODAY]
    assert renewed_ahead  # signed before today, starting after: renewed ahead of expiry
    assert all(d(k["签约日期"]) <= TODAY for k in contracts)
    bookkeeping = defaultdict(list)
    for k in contracts:
        if k["服务类型"] == "代理记账":
            bookkeeping[k["客户名称"]].append((d(k["开始日期"]), d(k["结束日期"])))
    years = [len(v) for v in bookkeeping.values()]
    assert max(years) >= 3
    for terms in bookkeeping.values():  # yearly renewals follow each other without a gap
        terms.sort()
        assert all(nxt[0] == prev[1] + timedelta(days=1) for prev, nxt in pairwise(terms))


def test_documents_late_and_chased(tidy: dict[str, list[list[object]]]) -> None:
    docs = as_dicts(tidy, "documents")
    items = Counter(doc["资料"] for doc in docs)
    assert set(items) == {"银行对账单", "进项发票", "销项发票", "工资表", "费用报销单"}
    late = [doc for doc in docs if doc["状态"] == "待提交" and d(doc["截止日期"]) < TODAY]
    received = [doc for doc in docs if doc["状态"] == "已提交"]
    assert late and len(received) > 0.7 * len(docs)
    assert all(int(doc["已催次数"]) >= 1 for doc in late)
    assert {doc["所属期"] for doc in docs} == {"2026-09", "2026-10"}


def test_some_active_clients_not_contacted_for_90_days(tidy: dict[str, list[list[object]]]) -> None:
    active = {c[0] for c in tidy["clients"] if c[13] == "服务中"}
    recent = {r[0] for r in tidy["interactions"] if d(r[1]) >= TODAY - timedelta(days=90)}
    quiet = active - recent
    assert 0.03 * len(active) <= len(quiet) <= 0.2 * len(active)


def test_feedback_has_negative_scores_and_service_logs_hours(tidy: dict[str, list[list[object]]]) -> None:
    scores = Counter(int(r[2]) for r in tidy["feedback"])
    assert set(scores) <= {1, 2, 3, 4, 5}
    assert scores[1] + scores[2] > 0
    assert scores[4] + scores[5] > scores[1] + scores[2]
    staff = {r[0] for r in tidy["staff"]}
    assert all(r[2] in staff and Decimal(r[4]) > 0 for r in tidy["service_logs"])
    assert min(d(r[1]) for r in tidy["service_logs"]) >= TODAY - timedelta(days=365)


def test_tax_obligations_follow_taxpayer_type(tidy: dict[str, list[list[object]]]) -> None:
    taxpayer = {c[0]: c[3] for c in tidy["clients"]}
    taxes = Counter(r[1] for r in tidy["tax_obligations"])
    assert {"增值税", "附加税", "个人所得税", "企业所得税", "印花税"} <= set(taxes)
    for client, tax, frequency in tidy["tax_obligations"]:
        if tax == "增值税":
            assert frequency == ("按月" if taxpayer[client] == "一般纳税人" else "按季")
        if tax == "个人所得税":
            assert frequency == "按月"


# --- through the importer (SQLite, and PostgreSQL when configured) -------------------------------------------

def sheet_counts(sheets) -> dict[str, int]:
    return {KEY_BY_TITLE[s.title]: sum(1 for _ in s.rows) for s in sheets}


def test_import_of_a_generated_firm_rejects_nothing(make_app) -> None:
    from sqlalchemy import func, select

    from domain.importing import import_sheets
    from domain.models import Client, Invoice

    app = make_app(today=TODAY)
    sheets = generate_firm(60, seed=21, today=TODAY)
    report = import_sheets(app.session, sheets)
    assert report.errors == []
    assert sum(report.rejected.values()) == 0
    assert report.imported == sheet_counts(sheets)
    assert report.ignored_columns == {}
    expected = {c for c, invs in open_invoices(rows_by_key(generate_firm(60, seed=21, today=TODAY, messy=False)))
                .items() if any(due < TODAY for _, due, _ in invs)}
    with app.session() as session:
        stored = session.execute(
            select(Client.name).join(Invoice, Invoice.client_id == Client.id)
            .where(Invoice.paid_on.is_(None), Invoice.due_on < TODAY).group_by(Client.name)
        ).scalars().all()
        assert session.scalar(select(func.count()).select_from(Client)) == 60
    assert expected and set(stored) == expected  # the importer's allocation agrees with semantics.md


def test_bad_rows_are_exactly_the_rejected_rows(make_app) -> None:
    from domain.importing import import_sheets

    clean = import_sheets(make_app(today=TODAY).session, generate_firm(60, seed=22, today=TODAY))
    report = import_sheets(make_app(today=TODAY).session, generate_firm(60, seed=22, today=TODAY, bad_rows=15))
    assert sum(report.rejected.values()) == len(report.errors) == 15
    assert report.imported == clean.imported
    assert len({e["sheet"] for e in report.errors}) >= 8


def test_xlsx_and_csv_folder_round_trip_through_the_importer(make_app, tmp_path) -> None:
    from domain.generator import write_csv_folder, write_xlsx
    from domain.importing import import_sheets, read_workbook

    sheets = generate_firm(50, seed=23, today=TODAY, bad_rows=3)
    expected = sheet_counts(sheets)
    for path in (write_xlsx(sheets, tmp_path / "firm.xlsx"), write_csv_folder(sheets, tmp_path / "firm")):
        read = read_workbook(path)
        assert sorted(s.title for s in read) == sorted(s.title for s in sheets)
        assert sheet_counts(read) == expected
        report = import_sheets(make_app(today=TODAY).session, read)
        assert sum(report.rejected.values()) == 3
        assert sum(report.imported.values()) == sum(expected.values()) - 3


def _unpaid_share_by_client(rows: dict[str, list[list[object]]]) -> dict[object, float]:
    """Per client: the share of its invoices due 60+ days ago that no payment names or covers (amount left > 0)."""
    invoices = as_dicts(rows, "invoices")
    paid: dict[object, Decimal] = defaultdict(Decimal)
    for p in as_dicts(rows, "payments"):
        paid[p["发票号"]] += Decimal(str(p["金额"]))
    old = [i for i in invoices if d(i["到期日"]) < TODAY - timedelta(days=60)]
    per: dict[object, list[bool]] = defaultdict(list)
    for inv in old:
        per[inv["客户名称"]].append(paid[inv["发票号"]] < Decimal(str(inv["金额"])))
    return {client: sum(flags) / len(flags) for client, flags in per.items() if len(flags) >= 6}


def test_the_late_payer_mix_has_many_slow_and_half_unpaid_clients() -> None:
    typical = _unpaid_share_by_client(rows_by_key(generate_firm(600, seed=11, today=TODAY, messy=False)))
    late = _unpaid_share_by_client(rows_by_key(generate_firm(600, seed=11, today=TODAY, messy=False, payers="late")))
    def half_unpaid(shares: dict[object, float]) -> float:
        return sum(0.25 <= share <= 0.7 for share in shares.values()) / len(shares)

    # about a tenth more of the clients leave almost half their invoices unpaid (the rest of that band: bad payers)
    assert half_unpaid(late) - half_unpaid(typical) >= 0.05
    assert sum(late.values()) > 1.3 * sum(typical.values())
    with pytest.raises(ValueError, match="payers"):
        generate_firm(10, today=TODAY, payers="generous")


def test_disputes_received_dates_and_promises() -> None:
    """The optional columns and sheet: a few disputed invoices (slow and bad payers only), a received date on
    every received document (never after today, never on a pending one), promises from clients that owe."""
    rows = rows_by_key(generate_firm(400, seed=11, today=TODAY, messy=False))
    staff = build_staff(random.Random(11 * 31 + 1), 400)  # as generate_firm(seed=11) draws them
    payer = {c.name: c.payer for c in build_clients(random.Random(11 * 31 + 2), 400, staff, TODAY)[0]}
    disputed = [r for r in rows["invoices"] if r[6] == "是"]
    assert 0.002 * len(rows["invoices"]) < len(disputed) < 0.03 * len(rows["invoices"])
    assert all(payer[r[1]] != "good" for r in disputed)
    received = [r for r in rows["documents"] if r[4] == "已提交"]
    assert received and all(r[6] is not None and d(r[6]) <= TODAY for r in received)
    assert all(r[6] is None for r in rows["documents"] if r[4] == "待提交")
    promises = rows["promises"]
    open_by_client = Counter(r[0] for r in promises if r[4] == "待兑现")
    assert 10 < len(open_by_client) < 200 and set(open_by_client.values()) == {1}
    assert all(d(r[3]) <= TODAY and d(r[1]) >= d(r[3]) for r in promises)
