"""Words of the analytics families (semantics.md "Metrics, breakdowns and trends", "Client value and health"):
metrics, dimensions, trends, summaries, the staff board, new clients, health and value segments.

Each entry is a cue (`cue.<name>`), merged into the lexicon's terms by `lexicon.static_terms`. Dimensions are
cues named `dim_<dimension>`; value × loyalty segments `seg_<part>`. Surfaces are written as `text.normalize`
leaves them (lower case, no punctuation).
"""

from __future__ import annotations

import re


def _zh(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _en(phrases: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in phrases.split("|") if p.strip())


ANALYTICS_CUES: dict[str, tuple[str, ...]] = {
    "trend": (
        _zh("趋势 走势 变化趋势 趋势图 走势图 怎么变化 变化情况 如何变化 每个月 每月 按月 逐月 各月 月度 分月 "
            "每个月的 各个月")
        + _en("trend|trends|over time|month by month|each month|every month|by month|monthly|per month|"
              "month on month|month over month|month to month|from month to month|mom|mom change|trend line")
    ),
    "quarterly": (
        _zh("每季 每季度 每个季度 按季度 各季度 逐季 分季度 季度趋势 季度走势 季度变化 季度的趋势 季度的走势 "
            "近几个季度 最近几个季度 这几个季度 过去几个季度 近几季")
        + _en("quarterly|by quarter|each quarter|every quarter|per quarter|quarter by quarter|last few quarters|"
              "past few quarters|recent quarters|qoq|qoq change|quarter on quarter|quarter over quarter")
    ),
    "summary": (
        _zh("经营情况 经营概况 经营状况 经营数据 经营分析 经营报告 经营简报 业务概况 业务情况 整体情况 总体情况 "
            "经营 运营情况 运营概况 关键指标 核心指标 主要指标 关键数据")
        + _en("how did we do|how are we doing|how we did|business summary|business overview|monthly summary|"
              "how are we tracking|how we are tracking|how are we trending|"
              "monthly overview|monthly report|month overview|overview|"
              "key figures|key numbers|kpis|kpi|performance summary|business review|howd we do|howd the firm do|"
              "numbers|figures|headline numbers|top line numbers|topline numbers|"
              "how did the firm do|how is the firm doing|hows the firm doing|how did the business do|"
              "how is business|hows business|how are we doing overall|firm performance|company performance|"
              "how did the company do|how was business")
    ),
    "board": (
        _zh("员工业绩 业绩 业绩数据 业绩表 业绩榜 绩效 员工绩效 团队业绩 人员业绩 每个人的业绩 个人业绩 员工kpi "
            "团队kpi 个人kpi 人员kpi 每个人的kpi 员工考核 绩效考核 员工表现 团队表现 员工看板 人效 员工排行榜")
        + _en("team performance|staff performance|employee performance|performance|scoreboard|staff board|"
              "staff scorecard|scorecard|staff kpi|staff kpis|employee kpi|employee kpis|team kpi|team kpis|"
              "kpi by staff|kpis by staff|kpi per person|staff metrics|team metrics|how every staff member did|"
              "how each staff member did|how everyone did|how every accountant did|how each accountant did")
    ),
    "new_client": (
        _zh("新客户 新签客户 新增客户 新增 新客户数 新增了 新进客户 新开发 新拿下 新拿下的客户 新签下 新谈下")
        + _en("new clients|new client|new customers|new customer|new accounts|clients signed|customers signed|"
              "clients we signed|client acquisition|onboarded|sign ups|signups|new sign ups|new signups|"
              "brought on|"
              "client sign ups")
    ),
    "health": (
        _zh("健康度 健康分 健康评分 健康状况 健康指数 健康值 健康")
        + _en("health score|health scores|health|healthiest|least healthy|unhealthiest|healthy")
    ),
    "healthiest": _zh("最健康 健康度最好 健康分最好")
    + _en("healthiest|most healthy|in the best health|in best health"),
    # the words of rank_most that say which end ("排名", "ranking", "sort by" do not: health ranks lowest first)
    "rank_high": _zh("最多 最高 最大 最好 最强 第一 第一名 排第一 从高到低 降序 从大到小 由高到低 从多到少 由多到少 "
                     "从高往低 从大到小排")
    + _en("top|most|highest|largest|biggest|best|greatest|leading|descending"),
    "at_risk": (
        _zh("流失风险 有流失风险 可能流失 快流失 要流失 会流失 流失预警 风险预警 流失风险高 流失风险大 流失风险较高 "
            "流失可能 流失可能性 容易流失 可能要跑 要跑了 快跑了 可能要走 要走了 快要走 可能不续约 不续约风险 "
            "churn风险 流失率高 高流失风险 有流失的风险 面临流失 风险客户 可能要丢 可能会丢 要丢的 快丢了 "
            "可能丢 会丢的 可能丢掉 可能失去 可能会失去 留不住 可能跑掉 会跑掉 要跑掉 跑掉 可能会跑")
        + _en("churn risk|at risk of churning|at risk of churn|likely to churn|might churn|may churn|about to churn|"
              "risk of leaving|might leave|at risk of leaving|at risk|at-risk|churn risk clients|churn risks|"
              "likely to leave|about to leave|may leave|could churn|could leave|flight risk|churning")
    ),
    "segment": (
        _zh("客户价值分层 价值分层 客户分层 分层 价值忠诚 价值和忠诚 价值与忠诚 客户分群 客户细分 价值和忠诚度 "
            "价值与忠诚度 价值忠诚度 分个层 分一下层 分下层 分分层 分个群 分群")
        + _en("value segments|value segmentation|segmentation|segments|client segments|customer segments|"
              "value and loyalty|value x loyalty|value loyalty|value loyalty matrix|segment matrix|quadrants")
    ),
    "seg_high_value": _zh("高价值 价值高 价值也高 价值较高 价值不低 价值很高 有价值 很有价值")
    + _en("high value|high-value|valuable"),
    "seg_low_value": _zh("低价值 价值低 价值也低 价值较低 价值不高 价值很低 价值一般") + _en("low value|low-value"),
    "seg_high_loyalty": _zh("高忠诚 高忠诚度 忠诚度高 忠诚 忠诚度也高 忠诚度较高 忠诚度不低 忠诚度很高")
    + _en("high loyalty|loyal|highly loyal"),
    "seg_low_loyalty": _zh("低忠诚 低忠诚度 忠诚度低 不忠诚 忠诚度也低 忠诚度较低 忠诚度不高 忠诚度很低 "
                                "忠诚度一般 不太忠诚 忠诚度不够 不够忠诚 忠诚度差")
    + _en("low loyalty|disloyal|not loyal"),
    "share": (
        _zh("占比 比例 份额 百分比 构成 比重 占多少 各占 占几成 各占几成 结构 的结构")
        + _en("share|shares|percentage|percentages|proportion|proportions|mix|split|composition|w/ %|with %|in %|"
              "as %|as a percentage|as a % of|% of total|what %|percent of total|各占百分之多少")
    ),
    "service_hours": _zh("服务工时 工时 服务时长 小时数 工时数") + _en("service hours|hours|hours logged|time spent"),
    "service_cost": _zh("服务成本 成本 人工成本") + _en("service cost|service costs|cost|costs"),
    "lifetime": (
        _zh("累计营收 终身价值 累计收入 累计开票 历史营收 客户终身价值 累计给了我们多少营收 累计贡献 "
            "一共贡献了多少营收")
        + _en("lifetime revenue|lifetime value|ltv|total revenue to date|all time revenue")
    ),
    "dim_owner": (
        _zh("按负责人 各负责人 每个负责人 按员工 各员工 每个员工 每位员工 按人 每个人 每人 各人 按会计 "
            "每个会计 各会计 按客户经理 分员工 分负责人 大家各 大伙各 每人各 分会计 分同事 分人 各位同事 各位会计 "
            "各位员工")
        + _en("by owner|per owner|by staff|per staff|by staff member|by employee|per employee|each employee|"
              "by account owner|by client owner|per account owner|"
              "each staff member|by accountant|per accountant|each accountant|by person|per person|by rep|"
              "each person|everyone|per staff member|one row per staff member|by account manager|"
              "per account manager|each account manager|by relationship manager|every accountant|every employee|"
              "every staff member|every colleague|each colleague|by colleague|per colleague")
    ),
    "dim_team": _zh("按团队 各团队 每个团队 按组 各组 每个组 分团队 各小组 每个小组 按小组 分小组 每组 每一组")
    + _en("by team|per team|each team"),
    "dim_tier": (
        _zh("按等级 各等级 客户等级 按客户等级 各客户等级 分等级 等级分布")
        + _en("by tier|per tier|each tier|by client tier|tiers")
    ),
    "dim_industry": (
        _zh("按行业 各行业 分行业 行业分布 每个行业 各个行业 行业构成 哪些行业")
        + _en("by industry|per industry|each industry|by sector|per sector|industries")
    ),
    "dim_region": (
        _zh("按地区 各地区 分地区 地区分布 每个地区 各个地区 按城市 各城市 每个城市 城市分布 按区域 各区域 区域分布 "
            "分城市 分区域")
        + _en("by region|per region|each region|by city|per city|each city|by area|regions|cities")
    ),
    "dim_taxpayer_type": (
        _zh("按纳税人类型 纳税人类型 各纳税人类型 按纳税人")
        + _en("by taxpayer type|per taxpayer type|taxpayer types")
    ),
    "dim_service_type": (
        _zh("按服务类型 服务类型 按业务类型 业务类型 各服务类型 各业务 按服务 各项服务 按业务 分业务 分服务")
        + _en("by service type|per service type|by service|per service|service types|by line of business")
    ),
    "dim_credit_rating": (
        _zh("按信用等级 各信用等级 信用等级分布 分信用等级 各credit rating 按信用 信用每个等级 信用各等级")
        + _en("by credit rating|per credit rating|credit ratings|each credit grade|by credit grade|credit grades")
    ),
    "dim_aging": _zh("按账龄 分账龄 按账龄段 分账龄段 各账龄段 每个账龄段") + _en("by aging|by age|by ageing"),
}
ANALYTICS_CUES["late"] = (
    _zh("过了截止日期 过了截止日 超过截止日 已过截止日期 超过期限 过了期限 截止日期已过")
    + _en("past their deadline|past the deadline|past its deadline|past deadline|missed the deadline|"
          "missed their deadline|missed deadline|after the deadline")
)
ANALYTICS_CUES["tax_credit"] = (
    _zh("纳税信用 纳税信用等级 纳税信用评级 纳税信用级别 税务信用 纳税评级")
    + _en("tax credit rating|tax credit|taxpayer credit rating|tax compliance rating")
)
# Bare dimension words ("按负责人和行业"): a second grouping only beside an explicit one (analytics.dimensions_of)
ANALYTICS_CUES.update({
    "dimword_industry": _zh("行业") + _en("industry|sector"),
    "dimword_region": _zh("地区 城市 区域") + _en("region|city|area"),
    "dimword_tier": _zh("等级 客户等级") + _en("tier"),
    "dimword_team": _zh("团队 组") + _en("team"),
    "dimword_owner": _zh("负责人 员工") + _en("owner|staff"),
    "dimword_taxpayer_type": _zh("纳税人类型") + _en("taxpayer type"),
})
# "忠诚也低", "忠诚不高": the part said without 度 reads as with it (never the bare 忠诚 = loyal)
for _segment in ("seg_high_loyalty", "seg_low_loyalty"):
    ANALYTICS_CUES[_segment] += tuple(
        "忠诚" + surface[3:] for surface in ANALYTICS_CUES[_segment] if surface.startswith("忠诚度") and surface[3:])
# "价值高、忠诚度却不高": an adverb between the part and its level ("忠诚度不高" → "忠诚度却不高", "价值并不低")
_ADVERBS = _zh("却 并 倒 倒是 又 还 都 比较 相对 较 可 挺 蛮")
for _segment in ("seg_high_value", "seg_low_value", "seg_high_loyalty", "seg_low_loyalty"):
    ANALYTICS_CUES[_segment] += tuple(
        f"{part}{adverb}{level}" for surface in ANALYTICS_CUES[_segment] for part in ("价值", "忠诚度", "忠诚")
        if surface.startswith(part) and (level := surface[len(part):])
        and not level.startswith(("也", "度", "很", "较")) for adverb in _ADVERBS)
# "可能会走", "快要跑了", "准备换家": every likelihood word with every leaving verb — about clients only when a client
# word is in the question too ("他准备离开", "我要走了", "I'm about to leave" are no questions; parser.py). The listed
# cues that only say someone leaves (no 流失 / 风险 / churn / risk) are leaving words too.
_GENERATED_LEAVING = tuple(dict.fromkeys(
    f"{likely}{verb}" for likely in _zh("可能 可能会 可能要 会 要 快 快要 准备 打算 想") for verb in
    _zh("走 跑 流失 离开 解约 不续约 换家 换代账 不做了")
    if f"{likely}{verb}" not in ANALYTICS_CUES["at_risk"]
    and f"{likely}{verb}" not in ("会走", "要走", "想走", "快走")))
ANALYTICS_CUES["at_risk"] += _GENERATED_LEAVING
LEAVING = frozenset(_GENERATED_LEAVING) | {
    cue for cue in ANALYTICS_CUES["at_risk"]
    if re.search(r"走|跑|丢|离开|失去|留不住|leav", cue) and not re.search(r"流失|风险|churn|risk", cue)}
