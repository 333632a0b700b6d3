"""Which chart an answer gets, built from its machine-readable answer (`reply.data`, the `ask --json` shapes of
cli.md) so that it is the same for chat, the digest and scripts:

- a breakdown (`{group, value, share?}` items) → horizontal bars, largest on top; a pie when shares were asked;
- a trend (`{period, value}` items, in time order) → a line;
- anything else → no chart.

The numbers stay in the reply's text and table beside the picture; the chart only draws them.
"""

from __future__ import annotations

from typing import Any

from bot.render_metrics import group_label, metric_name
from bot.reply import Chart, Reply
from bot.texts import Locale, lookup, t

MONEY_METRICS = frozenset({"invoiced", "collected", "signed", "service_cost", "profit", "receivable_balance",
                           "overdue_amount", "lifetime_revenue", "revenue", "balance", "outstanding"})
RATIO_METRICS = frozenset({"collection_rate", "on_time_rate", "margin", "share"})
MOST_BARS = 15  # a breakdown draws its 15 largest groups, the rest summed into one "other" bar
MOST_SLICES = 9  # a pie draws its 8 largest shares, the rest as one "other" slice


def chart_for(reply: Reply, symbol: str = "¥") -> Chart | None:
    """The chart for this answer, or None when its kind of answer has none (or nothing to draw)."""
    data = reply.data
    items = [item for item in data.get("items") or [] if isinstance(item, dict)]
    if not items:
        return None
    locale, metric = reply.locale, data.get("metric")
    unit = value_unit(metric, [item.get("value") for item in items])
    if data.get("intent") == "breakdown" and all("group" in item for item in items):
        title = _title(reply, "breakdown_title", metric, data.get("dimension"))
        groups = [(group_label(locale, str(item["group"])), _number(item.get("value"))) for item in items]
        if any("share" in item for item in items) and unit != "ratio":
            return pie_chart(title, groups, locale, unit=unit, symbol=symbol)
        return breakdown_chart(title, groups, locale, unit=unit, symbol=symbol)
    if data.get("intent") == "trend" and all("period" in item for item in items):
        title = _title(reply, "trend_title", metric, None)
        points = [(str(item["period"]), _number(item.get("value"))) for item in items]
        series = metric_name(locale, str(metric)) if metric else t(locale, "charts.series")
        return trend_chart(title, points, series, unit=unit, symbol=symbol)
    return None


def _title(reply: Reply, key: str, metric: object, dimension: object) -> str:
    """"逾期金额（按负责人）" / "Overdue amount by owner"; the reply's own title when the metric is not named."""
    if not metric:
        return reply.title or t(reply.locale, "charts.title")
    if key == "breakdown_title" and not dimension:
        return metric_name(reply.locale, str(metric))
    dimensions = lookup(reply.locale, "metrics.dimensions")
    dimension_name = str(dimensions.get(str(dimension), dimension) if isinstance(dimensions, dict) else dimension)
    if reply.locale == "en":  # "Overdue amount by owner", not "… by Owner"
        dimension_name = dimension_name[:1].lower() + dimension_name[1:]
    return t(reply.locale, f"charts.{key}", metric=metric_name(reply.locale, str(metric)), dimension=dimension_name)


def value_unit(metric: object, values: list[Any]) -> str:
    """money / ratio / count: from the metric's name where the answer gives one, else money for amounts with
    decimals (cli.md: amounts are numbers with 2 decimals, counts are integers)."""
    if metric in MONEY_METRICS:
        return "money"
    if metric in RATIO_METRICS:
        return "ratio"
    if metric:
        return "count"
    return "money" if any(isinstance(v, float) and not float(v).is_integer() for v in values) else "count"


def breakdown_chart(title: str, groups: list[tuple[str, float]], locale: Locale, *, unit: str = "count",
                    symbol: str = "¥") -> Chart:
    """Horizontal bars in the given order (largest first); past MOST_BARS the rest are summed into "other"
    (a rate cannot be summed: its bars are cut there instead)."""
    shown = _with_other(groups, MOST_BARS, locale, summed=unit != "ratio")
    return Chart(kind="barh", title=title, labels=[g for g, _ in shown], series={title: [v for _, v in shown]},
                 unit=unit, currency=symbol, english=_english(title, locale))  # type: ignore[arg-type]


def pie_chart(title: str, groups: list[tuple[str, float]], locale: Locale, *, unit: str = "count",
              symbol: str = "¥") -> Chart:
    shown = _with_other(sorted(groups, key=lambda g: -g[1]), MOST_SLICES, locale, summed=True)
    return Chart(kind="pie", title=title, labels=[g for g, _ in shown], series={title: [v for _, v in shown]},
                 unit=unit, currency=symbol, english=_english(title, locale))  # type: ignore[arg-type]


def trend_chart(title: str, points: list[tuple[str, float]], series: str, *, unit: str = "count",
                symbol: str = "¥", english: dict[str, str] | None = None) -> Chart:
    """A line through the periods in time order (months "2026-01", quarters "2026-Q1"), empty periods as 0."""
    return Chart(kind="line", title=title, labels=[p for p, _ in points], series={series: [v for _, v in points]},
                 unit=unit, currency=symbol, english=english or {})  # type: ignore[arg-type]


def _with_other(groups: list[tuple[str, float]], most: int, locale: Locale, *, summed: bool
                ) -> list[tuple[str, float]]:
    if len(groups) <= most:
        return groups
    head, rest = groups[: most - 1], groups[most - 1 :]
    if not summed:
        return groups[:most]
    return [*head, (t(locale, "charts.other", count=len(rest)), sum(v for _, v in rest))]


def _english(title: str, locale: Locale) -> dict[str, str]:
    return {} if locale == "en" else {title: t("en", "charts.title")}


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
