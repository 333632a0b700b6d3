"""The words a workbook may use for each enum, Chinese and English, mapped to the stored values."""

from __future__ import annotations

from enum import StrEnum

from domain.importing.parse import enum_key
from domain.models import (
    BillingCycle,
    ClientStatus,
    ContractStatus,
    DocumentStatus,
    Frequency,
    PromiseStatus,
    Role,
    ServiceType,
    TaxpayerType,
    Tier,
)


def _vocab(enum: type[StrEnum], words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each member's own value is accepted too (e.g. 'high_risk', 'High Risk')."""
    table = {enum_key(member.value): member.value for member in enum}
    for value, synonyms in words.items():
        for word in synonyms:
            table[enum_key(word)] = enum(value).value
    return table


ROLES = _vocab(Role, {"admin": ("管理员", "administrator", "老板"), "manager": ("经理", "主管"),
                      "staff": ("员工", "会计", "职员", "employee")})
TAXPAYER_TYPES = _vocab(TaxpayerType, {"general": ("一般纳税人", "一般"), "small": ("小规模纳税人", "小规模",
                                                                                    "small scale")})
TIERS = _vocab(Tier, {"vip": ("VIP客户", "重要"), "normal": ("普通", "一般", "普通客户"),
                      "high_risk": ("高风险", "高风险客户", "risky")})
CLIENT_STATUSES = _vocab(ClientStatus, {"active": ("服务中", "在服务", "正常"), "churned": ("已流失", "流失", "lost"),
                                        "prospect": ("潜在", "潜在客户", "意向")})
SERVICE_TYPES = _vocab(ServiceType, {
    "bookkeeping": ("代理记账", "记账"), "tax_filing": ("税务申报", "报税", "tax filing"),
    "audit": ("审计",), "registration": ("工商注册", "注册"), "consulting": ("财务咨询", "咨询"),
    "tax_planning": ("税务筹划", "筹划", "tax planning"),
})
BILLING_CYCLES = _vocab(BillingCycle, {"monthly": ("月付", "按月", "每月", "month"),
                                       "quarterly": ("季付", "按季", "每季", "quarter"),
                                       "yearly": ("年付", "按年", "每年", "annual", "annually", "year"),
                                       "once": ("一次性", "一次", "one-off", "one time")})
CONTRACT_STATUSES = _vocab(ContractStatus, {"active": ("执行中", "生效", "有效"),
                                            "terminated": ("已终止", "终止", "ended")})
DOCUMENT_STATUSES = _vocab(DocumentStatus, {"pending": ("待提交", "未提交", "未交", "missing"),
                                            "received": ("已提交", "已收到", "已交", "submitted")})
PROMISE_STATUSES = _vocab(PromiseStatus, {"open": ("待兑现", "未到期", "进行中"), "kept": ("已兑现", "兑现"),
                                          "broken": ("已违约", "违约", "未兑现"), "replaced": ("已替换", "被替换")})
FREQUENCIES = _vocab(Frequency, {"monthly": ("按月", "月", "每月", "月报", "month"),
                                 "quarterly": ("按季", "季", "每季", "季报", "quarter"),
                                 "yearly": ("按年", "年", "每年", "年报", "annual", "annually", "year")})

# Interaction channels are an open list: known words are stored as these codes, others as written.
# The first two words of each are its Chinese and English label, for showing a stored code to people.
_CHANNEL_WORDS = {
    "phone": ("电话", "phone", "call", "tel"), "wechat": ("微信", "WeChat", "weixin"),
    "email": ("邮件", "email", "e-mail", "邮箱"), "meeting": ("面谈", "meeting", "见面", "拜访", "visit"),
    "wecom": ("企业微信", "WeCom"), "dingtalk": ("钉钉", "DingTalk"), "slack": ("Slack", "Slack"),
}
CHANNELS = {enum_key(w): code for code, words in _CHANNEL_WORDS.items() for w in words}
CHANNEL_LABELS: dict[str, tuple[str, str]] = {code: (words[0], words[1]) for code, words in _CHANNEL_WORDS.items()}
