"""The sheets and columns of the import workbook (import-format.md), with their Chinese and English names.

Sheets and headers are matched after `normalize`: full-width → half-width, case folded, spaces,
underscores and hyphens removed, and a trailing `*` (the "required" mark) dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_NOISE = re.compile(r"[\s_\-]+")


def normalize(value: object) -> str:
    """'  Invoice No* ' → 'invoiceno'; '客户　名称＊' → '客户名称'."""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return _NOISE.sub("", text).rstrip("*")


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: str = ""

    def names(self) -> tuple[str, ...]:
        return (self.zh, self.en, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.zh, self.en, self.key, *self.aliases)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)


def _col(name: str, zh: str, en: str, required: bool = False, *aliases: str, hint: str = "") -> Column:
    return Column(name, zh, en, required, aliases, hint)


_CLIENT = _col("client", "客户名称", "Client", True, "客户", "Client Name", "Customer", hint="client name")

# The chat id columns of the staff and contacts sheets → the platform of the chat identity each cell binds
# (domain/identities.py); nothing else names these columns.
STAFF_ID_COLUMNS = {"slack_id": "slack", "wecom_id": "wecom", "dingtalk_id": "dingtalk"}
CONTACT_ID_COLUMNS = {"wecom_external_id": "wecom", "dingtalk_id": "dingtalk", "slack_id": "slack"}

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("staff", "员工", "Staff", (
        _col("name", "姓名", "Name", True, "员工姓名", "Staff Name", hint="unique"),
        _col("role", "角色", "Role", False, hint="管理员 admin / 经理 manager / 员工 staff"),
        _col("manager", "上级", "Manager", False, "直属上级", hint="a staff name"),
        _col("email", "邮箱", "Email", False, "电子邮箱", "E-mail"),
        _col("phone", "手机", "Phone", False, "手机号", "电话", "Mobile"),
        _col("hourly_cost", "时薪成本", "Hourly Cost", False, "时薪", hint="amount per hour"),
        _col("slack_id", "Slack ID", "Slack ID"),
        _col("wecom_id", "企业微信ID", "WeCom ID"),
        _col("dingtalk_id", "钉钉ID", "DingTalk ID"),
    ), ("员工表", "人员", "Employees")),
    SheetSpec("clients", "客户", "Clients", (
        _col("name", "客户名称", "Name", True, "客户", "Client Name", "公司名称", hint="unique"),
        _col("short_name", "简称", "Short Name", False, "客户简称"),
        _col("credit_code", "统一社会信用代码", "Credit Code", False, "信用代码", hint="18 characters"),
        _col("taxpayer_type", "纳税人类型", "Taxpayer Type", False, hint="一般纳税人 general / 小规模纳税人 small"),
        _col("industry", "行业", "Industry"),
        _col("size", "规模", "Size"),
        _col("source", "来源", "Source", False, "客户来源"),
        _col("region", "地区", "Region", False, "城市"),
        _col("address", "地址", "Address"),
        _col("signed_on", "签约日期", "Signed On", False, hint="date"),
        _col("owner", "负责人", "Owner", True, "客户经理", hint="a staff name"),
        _col("tags", "标签", "Tags", False, hint="separated by , ， 、 ;"),
        _col("tier", "客户等级", "Tier", False, "等级", hint="VIP / 普通 normal / 高风险 high_risk"),
        _col("status", "状态", "Status", False, "客户状态", hint="服务中 active / 已流失 churned / 潜在 prospect"),
    ), ("客户表", "客户信息", "Customers")),
    SheetSpec("contacts", "联系人", "Contacts", (
        _CLIENT,
        _col("name", "姓名", "Name", True, "联系人", "Contact Name"),
        _col("title", "职务", "Title", False, "职位"),
        _col("phone", "手机", "Phone", False, "手机号", "电话", "Mobile"),
        _col("email", "邮箱", "Email", False, "E-mail"),
        _col("is_primary", "主联系人", "Primary", False, "是否主联系人", hint="yes/no"),
        _col("wecom_external_id", "企业微信外部联系人ID", "WeCom External ID"),
        _col("dingtalk_id", "钉钉ID", "DingTalk ID"),
        _col("slack_id", "Slack ID", "Slack ID"),
    )),
    SheetSpec("contracts", "合同", "Contracts", (
        _col("contract_no", "合同编号", "Contract No", True, "合同号", "Contract Number", hint="unique"),
        _CLIENT,
        _col("service_type", "服务类型", "Service Type", True,
             hint="代理记账 bookkeeping / 税务申报 tax_filing / 审计 audit / 工商注册 registration / "
                  "财务咨询 consulting / 税务筹划 tax_planning"),
        _col("start_on", "开始日期", "Start Date", True, "开始", "Start"),
        _col("end_on", "结束日期", "End Date", True, "结束", "End"),
        _col("amount", "合同金额", "Amount", True, "金额"),
        _col("billing_cycle", "付款方式", "Billing Cycle", False, "付款周期",
             hint="月付 monthly / 季付 quarterly / 年付 yearly / 一次性 once"),
        _col("signed_on", "签约日期", "Signed On", False, hint="default: start date"),
        _col("auto_renew", "自动续约", "Auto Renew", False, hint="yes/no"),
        _col("status", "状态", "Status", False, "合同状态", hint="执行中 active / 已终止 terminated"),
    ), ("合同表",)),
    SheetSpec("invoices", "应收", "Invoices", (
        _col("invoice_no", "发票号", "Invoice No", True, "发票号码", "账单号", "Invoice Number", hint="unique"),
        _CLIENT,
        _col("contract_no", "合同编号", "Contract No", False, "合同号", "Contract Number"),
        _col("issued_on", "开票日期", "Issued On", True, "开票日", "Issue Date"),
        _col("due_on", "到期日", "Due On", True, "到期日期", "Due Date"),
        _col("amount", "金额", "Amount", True, "应收金额", "发票金额"),
        _col("disputed", "异议", "Disputed", False, "有异议", "是否异议", hint="yes/no"),
        _col("dispute_note", "异议说明", "Dispute Note", False, "异议原因"),
    ), ("发票", "账单", "Receivables", "应收账款")),
    SheetSpec("payments", "收款", "Payments", (
        _CLIENT,
        _col("invoice_no", "发票号", "Invoice No", False, "发票号码", "Invoice Number", hint="optional"),
        _col("paid_on", "收款日期", "Paid On", True, "回款日期", "Payment Date"),
        _col("amount", "金额", "Amount", True, "收款金额", "回款金额"),
        _col("method", "方式", "Method", False, "收款方式", "付款方式"),
        _col("reference", "流水号", "Reference", False, "银行流水号", "Ref"),
    ), ("回款", "收款记录")),
    SheetSpec("documents", "资料", "Documents", (
        _CLIENT,
        _col("period", "所属期", "Period", True, "期间", hint="2026-10"),
        _col("item", "资料", "Item", True, "资料名称", "资料项"),
        _col("due_on", "截止日期", "Due On", True, "截止日", "Due Date"),
        _col("status", "状态", "Status", False, hint="待提交 pending / 已提交 received"),
        _col("chase_count", "已催次数", "Chase Count", False, "催收次数"),
        _col("received_on", "提交日期", "Received On", False, "收到日期", "Received Date", hint="date"),
    ), ("资料清单", "Document Requests")),
    SheetSpec("promises", "承诺付款", "Promises", (
        _CLIENT,
        _col("promised_by", "承诺日期", "Promised By", True, "承诺付款日期", hint="date"),
        _col("amount", "金额", "Amount", False, "承诺金额", hint="optional"),
        _col("made_on", "登记日期", "Made On", True, "承诺登记日期", hint="date"),
        _col("status", "状态", "Status", False,
             hint="待兑现 open / 已兑现 kept / 已违约 broken / 已替换 replaced"),
    ), ("付款承诺", "Payment Promises")),
    SheetSpec("service_logs", "服务记录", "Service Logs", (
        _CLIENT,
        _col("date", "日期", "Date", True),
        _col("staff", "员工", "Staff", True, "服务人员", hint="a staff name"),
        _col("description", "内容", "Description", False, "服务内容"),
        _col("hours", "工时", "Hours", True, "小时"),
    ), ("工时", "工时记录", "Timesheet")),
    SheetSpec("interactions", "沟通记录", "Interactions", (
        _CLIENT,
        _col("date", "日期", "Date", True),
        _col("channel", "方式", "Channel", False, "沟通方式",
             hint="电话 phone / 微信 wechat / 邮件 email / 面谈 meeting"),
        _col("staff", "员工", "Staff", False, hint="a staff name"),
        _col("summary", "摘要", "Summary", False, "内容"),
    ), ("沟通", "Contact Log")),
    SheetSpec("feedback", "反馈", "Feedback", (
        _CLIENT,
        _col("date", "日期", "Date", True),
        _col("score", "满意度", "Score", True, "评分", hint="1-5"),
        _col("comment", "意见", "Comment", False, "评价"),
    ), ("客户反馈", "满意度")),
    SheetSpec("tax_obligations", "税种", "Tax Obligations", (
        _CLIENT,
        _col("tax", "税种", "Tax", True, hint="增值税 / 附加税 / 个人所得税 / 企业所得税 / 印花税 …"),
        _col("frequency", "申报周期", "Frequency", True, "周期", hint="按月 monthly / 按季 quarterly / 按年 yearly"),
    ), ("税种登记", "Taxes")),
)

SHEET_KEYS: tuple[str, ...] = tuple(s.key for s in SHEETS)
# Optional sheets appear in the report's counts only when the workbook has them (the contract's keys stay fixed).
OPTIONAL_SHEETS: frozenset[str] = frozenset({"promises"})
_SHEET_INDEX = {normalize(name): spec for spec in SHEETS for name in spec.names()}


def find_sheet(title: object) -> SheetSpec | None:
    return _SHEET_INDEX.get(normalize(title))


@dataclass
class HeaderMap:
    """Which column index holds which field, and the headers that matched nothing."""

    index: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def map_header(spec: SheetSpec, header: list[object]) -> HeaderMap:
    names = {normalize(n): col.field for col in spec.columns for n in col.names()}
    result = HeaderMap()
    for i, cell in enumerate(header):
        if cell is None or not str(cell).strip():
            continue
        name = names.get(normalize(cell))
        if name is None or name in result.index:
            result.ignored.append(str(cell).strip())
        else:
            result.index[name] = i
    return result


def is_note_row(spec: SheetSpec, header: HeaderMap, row: list[object]) -> bool:
    """The template's English note row: every filled cell starts with its column's name (e.g. 'Name* — …')."""
    filled = 0
    for col in spec.columns:
        i = header.index.get(col.field)
        value = row[i] if i is not None and i < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            return False
        text = normalize(value)
        if not any(text.startswith(normalize(n)) for n in col.names()):
            return False
        filled += 1
    return filled > 0
