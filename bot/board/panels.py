"""The five boards as data: each panel is a chat question and the answer the chat gives to it.

A `Panel` names the board it sits on, the question a colleague would type in chat (`question`, used by the test
that holds the board to the chat's answers), and how its answer is made: a `Query` run through
domain.executor.execute (the chat's own path), or a workflow statistic answered by bot/workflows/answers.py — the
same function the chat calls — or the health distribution of the metrics layer (domain/metrics/health.py).
`drill` says which clients stand behind a row (drill.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from domain.queries import Intent, Query, Window

BOARDS = ("business", "receivables", "value", "staff", "service")
Drill = Literal["owner", "team", "segment", "staff", "aging", "client", "none"]


@dataclass(frozen=True)
class Panel:
    key: str
    board: str
    question: str  # what a colleague types in chat for the same figures
    query: Callable[[date], Query] | None = None
    special: Literal["on_time", "on_time_staff", "cycle", "load", "health_bands"] | None = None
    chart: Literal["bar", "barh", "line", "pie", "none"] = "none"
    drill: Drill = "none"
    wide: bool = False  # spans the page on a desktop
    shown: int = 50  # rows in its table (the export has every row)

    def measure_is_overdue(self) -> bool:
        return self.key.startswith("overdue")


def _this_month(today: date) -> Window:
    """本月 as the chat reads it: the calendar month (figures stop at today)."""
    following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return Window(start=today.replace(day=1), end=following - timedelta(days=1), label="本月")


def _q(intent: Intent, **extra: object) -> Callable[[date], Query]:
    def build(today: date) -> Query:
        fields = dict(extra)
        if fields.pop("month_window", False):
            fields["window"] = _this_month(today)
        return Query(intent=intent, **fields)

    return build


def _trend(measure: str) -> Callable[[date], Query]:
    return _q(Intent.trend, measure=measure, dimension="month")


def _by(measure: str, dimension: str) -> Callable[[date], Query]:
    return _q(Intent.breakdown, measure=measure, dimension=dimension)


PANELS: tuple[Panel, ...] = (
    Panel("summary", "business", "本月经营情况", _q(Intent.summary, month_window=True), wide=True),
    Panel("trend_invoiced", "business", "近12个月开票趋势", _trend("invoiced"), chart="line"),
    Panel("trend_collected", "business", "近12个月回款趋势", _trend("collected"), chart="line"),
    Panel("trend_signed", "business", "近12个月签约趋势", _trend("signed"), chart="line"),
    Panel("aging", "receivables", "账龄分析", _q(Intent.aging), chart="bar", drill="aging"),
    Panel("receivable_owner", "receivables", "应收余额按负责人", _by("receivable_balance", "owner"), chart="barh",
          drill="owner"),
    Panel("overdue_owner", "receivables", "逾期金额按负责人", _by("overdue_amount", "owner"), chart="barh",
          drill="owner"),
    Panel("receivable_team", "receivables", "应收余额按团队", _by("receivable_balance", "team"), chart="barh",
          drill="team"),
    Panel("overdue_team", "receivables", "逾期金额按团队", _by("overdue_amount", "team"), chart="barh", drill="team"),
    Panel("top_debtors", "receivables", "欠款最多的客户", _q(Intent.top_debtors), drill="client"),
    Panel("collection_rate", "receivables", "近12个月回款率趋势", _trend("collection_rate"), chart="line"),
    Panel("segments", "value", "客户价值分层", _q(Intent.client_segments), chart="pie", drill="segment",
          shown=12),
    Panel("health", "value", "哪些客户有流失风险", special="health_bands", chart="bar"),
    Panel("at_risk", "value", "哪些客户有流失风险", _q(Intent.clients_at_risk), drill="client"),
    Panel("profit", "value", "利润最高的客户", _q(Intent.top_clients_by_profit), drill="client"),
    Panel("staff_board", "staff", "本月员工业绩", _q(Intent.staff_board, month_window=True), chart="barh",
          drill="staff", wide=True),
    Panel("on_time_stage", "service", "各环节按时完成率", special="on_time", chart="barh"),
    Panel("on_time_staff", "service", "各人按时完成率", special="on_time_staff", chart="barh"),
    Panel("cycle", "service", "各项服务平均用时", special="cycle", chart="barh"),
    Panel("load", "service", "每个人手上还有多少任务", special="load", chart="barh"),
)


def panels_of(board: str) -> list[Panel]:
    return [p for p in PANELS if p.board == board]


def panel(key: str) -> Panel | None:
    return next((p for p in PANELS if p.key == key), None)


def workflow_window(today: date) -> tuple[date, date]:
    """The workflow panels' period: the chat's default for these questions (the last 90 days)."""
    from bot.workflows.answers import DEFAULT_DAYS

    return today - timedelta(days=DEFAULT_DAYS), today
