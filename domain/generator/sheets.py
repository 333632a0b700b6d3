"""The demo firm as import sheets: Chinese headers of import-format.md and lazily generated rows.

Each client's rows come from random generators seeded by (seed, client, purpose), so a sheet can be
generated on its own, again and again, with the same result, and 100,000 clients never sit in memory
as rows. The ledger (contracts, invoices, payments) uses one seed for all three sheets so they agree.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from domain.generator import activity, promises
from domain.generator.billing import Ledger, ledger
from domain.generator.clients import ClientPlan, NameBook
from domain.generator.mess import Cells
from domain.generator.people import StaffPlan
from domain.generator.vocab import FEEDBACK_COMMENTS, TAG_SEPARATORS

HEADERS: dict[str, tuple[str, list[str]]] = {
    "staff": ("员工", ["姓名", "角色", "上级", "邮箱", "手机", "时薪成本", "Slack ID", "企业微信ID", "钉钉ID"]),
    "clients": ("客户", ["客户名称", "简称", "统一社会信用代码", "纳税人类型", "行业", "规模", "来源", "地区", "地址",
                       "签约日期", "负责人", "标签", "客户等级", "状态"]),
    "contacts": ("联系人", ["客户名称", "姓名", "职务", "手机", "邮箱", "主联系人", "企业微信外部联系人ID", "钉钉ID",
                          "Slack ID"]),
    "contracts": ("合同", ["合同编号", "客户名称", "服务类型", "开始日期", "结束日期", "合同金额", "付款方式",
                         "签约日期", "自动续约", "状态"]),
    "invoices": ("应收", ["发票号", "客户名称", "合同编号", "开票日期", "到期日", "金额", "异议", "异议说明"]),
    "payments": ("收款", ["客户名称", "发票号", "收款日期", "金额", "方式", "流水号"]),
    "documents": ("资料", ["客户名称", "所属期", "资料", "截止日期", "状态", "已催次数", "提交日期"]),
    "service_logs": ("服务记录", ["客户名称", "日期", "员工", "内容", "工时"]),
    "interactions": ("沟通记录", ["客户名称", "日期", "方式", "员工", "摘要"]),
    "feedback": ("反馈", ["客户名称", "日期", "满意度", "意见"]),
    "tax_obligations": ("税种", ["客户名称", "税种", "申报周期"]),
    "promises": ("承诺付款", ["客户名称", "承诺日期", "金额", "登记日期", "状态"]),  # last: keeps the others' seeds
}
SHEET_KEYS = tuple(HEADERS)

ROLE = {"admin": "管理员", "manager": "经理", "staff": "员工"}
TAXPAYER = {"general": "一般纳税人", "small": "小规模纳税人"}
TIER = {"vip": "VIP", "normal": "普通", "high_risk": "高风险"}
STATUS = {"active": "服务中", "churned": "已流失", "prospect": "潜在"}
SERVICE = {"bookkeeping": "代理记账", "tax_filing": "税务申报", "audit": "审计", "registration": "工商注册",
           "consulting": "财务咨询", "tax_planning": "税务筹划"}
CYCLE = {"monthly": "月付", "quarterly": "季付", "yearly": "年付", "once": "一次性"}
FREQUENCY = {"monthly": "按月", "quarterly": "按季", "yearly": "按年"}

@dataclass
class Firm:
    """Everything the sheets are generated from."""

    seed: int
    today: date
    messy: bool
    staff: list[StaffPlan]
    clients: list[ClientPlan]
    names: NameBook
    bad: dict[str, dict[int, list[list[object]]]] = field(default_factory=dict)  # sheet → client idx → rows
    staff_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.staff_names = [s.name for s in self.staff]


class Pass:
    """The random streams of one pass over a sheet. Every pass of the contract, invoice and payment sheets
    draws the same contracts (and the payment sheet the same payments), client after client, so they agree.
    Content and formatting use separate streams, so a messy firm says exactly what the tidy one says."""

    def __init__(self, firm: Firm, sheet: str) -> None:
        self.firm = firm
        number = SHEET_KEYS.index(sheet)
        self.rng = random.Random(firm.seed * 1009 + number)  # what the rows say
        self.cells = Cells(random.Random(firm.seed * 1009 + 50 + number), firm.messy)  # how they are written
        self._contracts = random.Random(firm.seed * 1009 + 101)
        self._payments = random.Random(firm.seed * 1009 + 102)

    def ledger(self, c: ClientPlan, upto: str) -> Ledger:
        """The client's contracts, then also invoices, then also payments (`upto`: the last one needed)."""
        payments = self._payments if upto == "payments" else None
        return ledger(c, self.firm.today, self._contracts, payments, invoices=upto != "contracts")


class LazyRows:
    """Re-iterable rows: each iteration generates the sheet afresh (same rows every time)."""

    total: int | None = None

    def __init__(self, produce: Callable[[], Iterator[list[object]]]) -> None:
        self._produce = produce

    def __iter__(self) -> Iterator[list[object]]:
        return self._produce()


def staff_rows(firm: Firm) -> Iterator[list[object]]:
    cells = Pass(firm, "staff").cells
    for s in firm.staff:
        yield [s.name, ROLE[s.role], s.manager, s.email, s.phone, cells.money(s.hourly_cost_cents),
               *(s.chat_ids.get(platform) for platform in ("slack", "wecom", "dingtalk"))]


def client_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    sep = TAG_SEPARATORS[c.idx % len(TAG_SEPARATORS)] if run.firm.messy else "、"
    yield [c.name, c.short_name, c.credit_code, TAXPAYER[c.taxpayer], c.industry, c.size, c.source, c.city,
           c.address, cells.day(c.signed_on) if c.signed_on else None, c.owner, sep.join(c.tags) or None,
           TIER[c.tier], STATUS[c.status]]


def contact_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for person in activity.contacts(c, run.rng):
        yield [c.name, person.name, person.title, person.phone, person.email, cells.yes_no(person.primary),
               *(person.chat_ids.get(platform) for platform in ("wecom", "dingtalk", "slack"))]


def contract_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for k in run.ledger(c, "contracts").contracts:
        yield [k.no, c.name, SERVICE[k.service], cells.day(k.start), cells.day(k.end), cells.money(k.amount_cents),
               CYCLE[k.cycle], cells.day(k.signed_on), cells.yes_no(k.auto_renew),
               "已终止" if k.terminated_on else "执行中"]


def invoice_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for inv in run.ledger(c, "invoices").invoices:
        disputed, note = promises.dispute(run.firm.seed, inv.no, c.payer)
        yield [inv.no, c.name, inv.contract_no, cells.day(inv.issued), cells.day(inv.due),
               cells.money(inv.amount_cents), cells.yes_no(True) if disputed else None, note]


def payment_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for pay in run.ledger(c, "payments").payments:
        yield [c.name, pay.invoice_no, cells.day(pay.paid_on), cells.money(pay.amount_cents), pay.method,
               pay.reference]


def document_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    firm = run.firm
    for year, month, item, due, received, chase in activity.documents(c, firm.today, run.rng):
        came = promises.received_on(firm.seed, c.idx, f"{year}-{month}", item, due, firm.today) if received else None
        yield [c.name, cells.period(year, month), item, cells.day(due), "已提交" if received else "待提交", chase,
               cells.day(came) if came else None]


def service_log_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for day, who, what, hours in activity.service_logs(c, run.firm.today, run.rng, run.firm.staff_names):
        yield [c.name, cells.day(day), who, what, cells.hours(hours)]


def interaction_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for day, channel, who, summary in activity.interactions(c, run.firm.today, run.rng):
        yield [c.name, cells.day(day), channel, who, summary]


def feedback_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    rng = run.rng
    for day, score in activity.feedback(c, run.firm.today, rng):
        comment = rng.choice(FEEDBACK_COMMENTS[score]) if rng.random() < 0.8 else None
        yield [c.name, cells.day(day), score, comment]


def tax_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    for tax, frequency in activity.tax_obligations(c, run.rng):
        yield [c.name, tax, FREQUENCY[frequency]]


def promise_rows(run: Pass, c: ClientPlan) -> Iterator[list[object]]:
    cells = run.cells
    for made, by, amount, status in promises.promises(run.firm.seed, c, run.ledger(c, "payments"), run.firm.today):
        yield [c.name, cells.day(by), cells.money(amount) if amount else None, cells.day(made), status]


PER_CLIENT: dict[str, Callable[[Pass, ClientPlan], Iterator[list[object]]]] = {
    "clients": client_rows, "contacts": contact_rows, "contracts": contract_rows, "invoices": invoice_rows,
    "payments": payment_rows, "documents": document_rows, "service_logs": service_log_rows,
    "interactions": interaction_rows, "feedback": feedback_rows, "tax_obligations": tax_rows,
    "promises": promise_rows,
}


def sheet_rows(firm: Firm, key: str) -> Iterator[list[object]]:
    """All rows of one sheet, with any injected bad rows after the rows of the client they are placed at."""
    if key == "staff":
        yield from staff_rows(firm)
        return
    produce = PER_CLIENT[key]
    bad = firm.bad.get(key, {})
    state = Pass(firm, key)
    for c in firm.clients:
        yield from produce(state, c)
        yield from bad.get(c.idx, ())
