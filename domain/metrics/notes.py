"""The definitions the analytics answers used, "中文 (English)" as domain/facts/notes.py writes them."""

from __future__ import annotations

from datetime import date

from domain.facts.notes import (
    ACTIVE_ONLY,
    ALL_STATUSES,
    BALANCE,
    COLLECTED,
    COLLECTION_RATE,
    HEALTH,
    INVOICED,
    NOT_VISIBLE,
    OVERDUE,
    REVENUE,
    SIGNED,
    window,
)

INVOICED_TODAY = ("开票 = 期间内且不晚于今天开出的发票金额 (开票口径, 含税) "
                  "(invoiced = invoice amounts issued in the period and not after today; "
                  "invoicing basis, tax included)")
NEW_CLIENTS = ("新客户 = 签约日期在期间内的客户 (服务中与已流失) "
               "(new clients = clients whose signing date is in the period, active or churned)")
BY_CURRENT_OWNER = "按客户当前的负责人分组 (grouped by the client's current owner)"
NOT_ANSWERABLE = "该指标不能这样分组 (that metric cannot be grouped that way)"
BOARD = ("员工业绩: 回款、开票按其客户统计 (期间内), 逾期金额与逾期资料截至今天, 工时为本人登记 "
         "(staff board: collected and invoiced of their clients in the period, overdue and late documents today, "
         "hours they logged)")
AT_RISK = "流失风险 = 健康分低于60的服务中客户 (at risk = active clients with a health score below 60)"
SEGMENTS = ("价值 = 近12个月营收不低于全所中位数; 忠诚 = 合作满730天且近一年无差评 "
            "(high value = revenue ≥ the firm's median; high loyalty = tenure ≥ 730 days and no complaint in a year)")
LATE_DOCUMENTS = "逾期未交资料 = 待提交且已过截止日 (late documents = pending and past their due date)"
SERVICE = ("工时与成本按登记人, 成本 = 工时 × 时薪成本 "
           "(hours and cost by who logged them; cost = hours × hourly cost)")
CLIENTS = ACTIVE_ONLY
LIFETIME = "累计营收 = 今天及以前开出的全部发票 (lifetime revenue = every invoice issued on or before today)"

BY_METRIC = {"invoiced": INVOICED_TODAY, "collected": COLLECTED, "signed": SIGNED, "new_clients": NEW_CLIENTS,
             "service_hours": SERVICE, "service_cost": SERVICE, "profit": REVENUE, "lifetime_revenue": LIFETIME,
             "receivable_balance": BALANCE, "overdue_amount": OVERDUE, "overdue_clients": OVERDUE,
             "clients": CLIENTS, "late_documents": LATE_DOCUMENTS, "collection_rate": COLLECTION_RATE}


def metric(name: str) -> str:
    return BY_METRIC.get(name, INVOICED)


def previous(start: date, end: date) -> str:
    return f"对比期间 {start.isoformat()} 至 {end.isoformat()} (compared with {start.isoformat()} to {end.isoformat()})"


__all__ = ["ACTIVE_ONLY", "ALL_STATUSES", "HEALTH", "NOT_VISIBLE", "REVENUE", "metric", "previous", "window"]
