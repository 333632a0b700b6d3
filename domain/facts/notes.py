"""The definitions an answer used, in Chinese and English, for `Result.notes` (semantics.md wording)."""

from __future__ import annotations

from datetime import date

OVERDUE = "逾期 = 已过到期日仍未付清 (overdue = past due and not fully paid)"
AGING = "账龄按逾期天数分段: 1–30、31–60、61–90、90天以上 (aging buckets by days overdue: 1–30, 31–60, 61–90, over 90)"
BALANCE = ("应收余额 = 今天及以前开出的发票尚未收回的金额 "
           "(receivable balance = outstanding on invoices issued on or before today)")
DUE_SOON = "即将到期 = 未付清且到期日在期间内 (due soon = not fully paid, due date in the window)"
COLLECTED = "回款 = 期间内且不晚于今天收到的款项 (collected = payments dated in the period, not after today)"
INVOICED = "开票 = 期间内开出的发票金额 (invoiced = invoice amounts issued in the period)"
SIGNED = "签约额 = 签约日期在期间内的合同金额 (signed = amounts of contracts signed in the period)"
COLLECTION_RATE = ("回款率 = 该月到期发票截至今天已收回金额 ÷ 发票金额 "
                   "(collection rate = allocated by today ÷ amount, for invoices due that month)")
EXPIRING = ("到期合同 = 未终止、未续约、结束日期在期间内且不早于今天 "
            "(expiring = not terminated, not renewed, ending in the window and not before today)")
ACTIVE_ONLY = "仅含服务中的客户 (active clients only)"
ALL_STATUSES = "含所有状态的客户 (clients of every status)"
REVENUE = ("营收 = 期间内开票金额, 成本 = 工时 × 时薪成本, 利润 = 营收 − 成本 "
           "(revenue = invoiced in the window, cost = hours × hourly cost, profit = revenue − cost)")
RANKED_REVENUE = "排名仅含营收大于0的客户, 同值按客户名称 (ranked: clients with revenue > 0, ties by name)"
CREDIT = ("信用等级: 逾期超90天为D; 近一年无到期发票且无逾期为N/A; "
          "逾期超30天或准时率<60%为C; 有逾期或准时率<90%为B; 其余为A "
          "(credit: D over 90 days overdue; N/A nothing due in the last year and nothing overdue; "
          "C over 30 days or on-time < 60%; B any overdue or on-time < 90%; else A)")
NEGATIVE = "差评 = 满意度 ≤ 2 (negative feedback = score ≤ 2 of 5)"
DOCUMENTS = "未交 = 待提交; 逾期未交 = 待提交且已过截止日 (missing = pending; late = pending and past its due date)"
TAX_FILERS = ("按月申报的每月申报, 按季申报的在1、4、7、10月申报; 仅服务中客户 "
              "(monthly filers every month, quarterly filers in Jan/Apr/Jul/Oct; active clients)")
TAX_DEADLINE = "申报截止日 = 当月征期 (filing deadline of the month's filing period)"
HEALTH = ("健康分 = 100 − 信用/逾期/逾期资料/未联系/差评/毛利率扣分 "
          "(health score = 100 minus penalties for credit, overdue, late documents, no contact, complaints, margin)")
NOT_VISIBLE = "无权查看该员工的客户 (you may not see that colleague's clients)"


def window(start: date, end: date, label: str = "") -> str:
    shown = f"{label}: " if label else ""
    return f"期间 {shown}{start.isoformat()} 至 {end.isoformat()} (period {start.isoformat()} to {end.isoformat()})"


def not_contacted(days: int) -> str:
    return (f"超过{days}天没联系 = 服务中客户最近{days}天内无沟通记录 "
            f"(not contacted = active clients with no interaction in the last {days} days)")


def trailing_year(start: date, end: date) -> str:
    return f"近12个月 {start.isoformat()} 至 {end.isoformat()} (trailing 12 months)"


def statuses(names: list[str]) -> str:
    zh = {"active": "服务中", "churned": "已流失", "prospect": "潜在"}
    return f"客户状态: {'、'.join(zh.get(n, n) for n in names)} (client status: {', '.join(names)})"
