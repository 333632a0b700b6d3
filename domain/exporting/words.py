"""Stored enum values written back in the words a firm's workbook uses (the first Chinese word the importer's
vocabulary accepts for each value), so an exported workbook reads like one typed by hand."""

from __future__ import annotations

from domain.importing.vocab import CHANNEL_LABELS

WORDS: dict[str, dict[str, str]] = {
    "role": {"admin": "管理员", "manager": "经理", "staff": "员工"},
    "taxpayer_type": {"general": "一般纳税人", "small": "小规模纳税人"},
    "tier": {"vip": "VIP", "normal": "普通", "high_risk": "高风险"},
    "client_status": {"active": "服务中", "churned": "已流失", "prospect": "潜在"},
    "service_type": {"bookkeeping": "代理记账", "tax_filing": "税务申报", "audit": "审计", "registration": "工商注册",
                     "consulting": "财务咨询", "tax_planning": "税务筹划"},
    "billing_cycle": {"monthly": "月付", "quarterly": "季付", "yearly": "年付", "once": "一次性"},
    "contract_status": {"active": "执行中", "terminated": "已终止"},
    "document_status": {"pending": "待提交", "received": "已提交"},
    "frequency": {"monthly": "按月", "quarterly": "按季", "yearly": "按年"},
    "promise_status": {"open": "待兑现", "kept": "已兑现", "broken": "已违约", "replaced": "已替换"},
}


def word(kind: str, value: object) -> str | None:
    """('tier', 'high_risk') → '高风险'; a value without a word is written as stored (the importer reads it)."""
    if value is None:
        return None
    return WORDS[kind].get(str(value), str(value))


def channel(value: str | None) -> str | None:
    """A stored channel code as its Chinese word (phone → 电话); free text as written."""
    if value is None:
        return None
    return CHANNEL_LABELS[value][0] if value in CHANNEL_LABELS else value


def yes_no(value: object) -> str:
    return "是" if value else "否"
