# ruff: noqa: E501 — template data lines read best unbroken
"""The paraphrase corpus the intent classifier is trained on: templates × slot fillers × padding and slips.

A template is a string with alternations ``[a|b|]`` (one is chosen; empty allowed) and slots: ``{C}`` a
client, ``{S}`` a colleague, ``{R}``/``{I}``/``{T}`` a region/industry/tag (placeholders, as the
classifier sees them after the rules found the names), ``{P}`` a past period, ``{F}`` a future window,
``{N}`` a number, ``{K}`` a top-N phrase, ``{D}`` a dimension word. Each label's templates are expanded at
random (seeded) with polite padding before and after, and a share of the sentences get a typing slip
(a dropped, doubled or swapped character). Nothing here is read by the dev set or the held-out set.
"""

from __future__ import annotations

import random
import re

from intent_paraphrases import MORE

PAST_ZH = ["本月", "这个月", "上个月", "上月", "今年", "去年", "本季度", "上季度", "10月", "2026年10月", "最近30天",
           "近三个月", "过去一周", "本周", "上周", "今年以来", "年初至今", "这个季度", "九月份", "前两个月", ""]
PAST_EN = ["this month", "last month", "this year", "last year", "this quarter", "in october", "in the last 30 days",
           "so far this year", "ytd", "last week", "last quarter", ""]
FUTURE_ZH = ["未来30天", "30天内", "下个月", "本月", "下周", "未来两周", "三个月内", "90天内", "近期", "年底前", "本周", ""]
FUTURE_EN = ["in the next 30 days", "next month", "this month", "within 90 days", "next week", "soon", "this week", ""]
NUM = ["9", "10", "五", "三", "十", "二十", "5", "100"]
TOP_ZH = ["前10", "前五", "前3名", "top10", "最多的10个", "排名前十的", "前二十"]
TOP_EN = ["top 10", "top 5", "top three", "the 10 biggest", "first 20"]
DIM_ZH = ["负责人", "员工", "会计", "行业", "地区", "城市", "客户等级", "等级", "服务类型", "业务类型", "纳税人类型",
          "信用等级", "团队", "账龄"]
DIM_EN = ["owner", "staff", "accountant", "industry", "region", "city", "tier", "service type", "taxpayer type",
          "credit rating", "team", "aging bucket"]
METRIC_ZH = ["逾期金额", "收入", "营收", "开票额", "回款", "收款", "签约额", "客户数", "新客户数", "欠款", "应收余额",
             "服务工时", "利润", "毛利", "逾期客户数", "服务成本"]
METRIC_EN = ["overdue amount", "revenue", "invoiced", "collections", "signed", "clients", "new clients", "receivables",
             "service hours", "profit", "overdue clients"]
PRE_ZH = ["", "", "", "请问", "帮我查一下", "麻烦看下", "我想知道", "查下", "能告诉我", "帮忙统计一下", "你好，", "在吗，",
          "急，", "帮我看看", "想了解一下", "老板问", "看一下", "问下", "hi ", "小助手，"]
POST_ZH = ["", "", "", "？", "呢", "吗", "，谢谢", "啊", "呀", "。", "?", "，到目前为止", "，截至目前", "现在", "，麻烦了",
           "哈", "，急", "有吗"]
PRE_EN = ["", "", "", "hey ", "pls ", "please ", "can you tell me ", "could you show ", "quick q: ", "i need ",
          "show me ", "hi bot ", "need to know "]
POST_EN = ["", "", "", "?", " please", " pls", " thanks", " so far", " right now", " asap", "??"]
# an action is a statement: a question particle after it makes it a question ("华信科技10月资料交齐了吗" asks)
STATEMENT_POST_ZH = [post for post in POST_ZH if post not in ("呢", "吗", "有吗")]
STATEMENTS = {"action"}

Z, E = "zh", "en"
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "overdue_clients": [
        (Z, "[哪些|哪几家|有哪些|哪个]客户[逾期|逾期未付款|欠款逾期|拖欠|过了账期还没付|超过付款期限|还没按时付款][了|]"),
        (Z, "[我的|{S}的|{S}名下的|{R}的|vip|{I}行业的|]逾期[客户|的客户|单位|公司][名单|列表|清单|明细|有哪些|]"),
        (Z, "逾期[超过|]{N}天[以上|]的[客户|单位][有哪些|]"), (Z, "逾期[金额|]超过{N}[万|元|块]的客户"),
        (Z, "[谁|哪些人|哪家][拖着款|逾期没付|没按时付款|过了账期没付]"), (Z, "[需要|该]催款的客户[有哪些|]"),
        (Z, "[列出|列一下|看看|给我]逾期[未付款|没付]的客户"), (Z, "[被|]拖欠[款项|尾款|服务费]的客户"),
        (E, "[which|what] clients [have overdue payments|are overdue|are past due|havent paid on time|are late paying]"),
        (E, "[list|show] [my|all|{S}'s|] overdue clients"), (E, "clients overdue [more than|over] {N} days"),
        (E, "who is [past due|late on payments|behind on payments]"), (E, "overdue [accounts|customers|clients] [list|]"),
        (Z, "overdue[客户|的客户][有哪些|名单]"), (Z, "[那些|哪些|谁家|哪家|有哪些|哪几个][客户|公司|client|clients|]逾期[了|啦|没付]"), (Z, "[我的|]客户里[谁|哪些]逾期了"),
    ],
    "overdue_total": [
        (Z, "逾期[总额|总金额|金额一共|款合计|一共多少钱|多少钱|的钱有多少|总共多少]"),
        (Z, "[现在|目前|]一共[有|]多少[钱|款]逾期[了|没收回]"), (Z, "逾期[未收回|没收回]的[款项|钱][总计|合计|加起来]"),
        (Z, "[我的|{S}的|]客户逾期[金额|总额]是多少"), (Z, "[超期|过期]欠款[总数|合计]"),
        (Z, "[vip|{R}|{I}行业|我的|{S}的]客户逾期[一共多少|总额|合计|金额合计|多少钱]"),
        (E, "[total|sum of] overdue [amount|balance|receivables]"), (E, "how much [money|] is [overdue|past due]"),
        (E, "overdue [total|amount in total]"), (Z, "overdue[总额|金额]多少"),
    ],
    "overdue_count": [
        (Z, "[有几个|有多少|多少家|几家]客户逾期[了|]"), (Z, "逾期[的|]客户[有多少家|有几个|数量|一共几家|多少个]"),
        (Z, "逾期[超过|]{N}天[以上|]的客户[有多少|几家|数量|有几家|有多少家|有几个|一共几家]"),
        (Z, "[vip|{R}的|{I}行业|我的|{S}的]客户[有几家|有多少家|有几个|中有几家]逾期[了|]"), (E, "how many clients are [overdue|past due|late]"),
        (E, "[number|count] of overdue [clients|customers]"), (Z, "overdue客户[数量|有几个]"),
    ],
    "aging": [
        (Z, "[应收|应收账款|欠款|]账龄[分析|分布|结构|表|情况]"), (Z, "逾期[账龄|]按[30/60/90天|账龄]分[一下|段]"),
        (E, "[aging|ageing] [report|analysis|buckets|breakdown]"), (E, "receivables aging"),
    ],
    "receivable_balance": [
        (Z, "应收[余额|账款总额|账款余额|总额|款]是多少"), (Z, "客户[一共|总共]欠[我们|咱们|]多少钱"),
        (Z, "[现在|目前|]还有多少[钱|款]没收回来"), (Z, "{C}[欠|欠我们|还欠|欠款][多少钱|多少|]"),
        (Z, "[我的|{S}的|]客户的应收[余额|总额]"), (E, "[accounts receivable|ar|receivables] balance"),
        (E, "how much [are we owed|do clients owe us|is outstanding]"), (E, "how much does {C} owe [us|]"),
        (Z, "外面还挂着多少[应收|欠款]"),
    ],
    "top_debtors": [
        (Z, "欠[款|钱|得]最多的{N}[个|家]客户"), (Z, "欠款[排名|排行|大户|top10]"), (Z, "哪些客户[有欠款|还没付款|欠钱]"),
        (Z, "[谁|哪家]欠[我们|]钱最多"), (Z, "应收余额[最高|最大]的[客户|几家]"),
        (E, "[top|biggest] {N} debtors"), (E, "who owes [us|] the most"), (E, "clients with the largest balances"),
        (E, "who hasnt paid [yet|]"), (Z, "[还没付款|没付钱|还欠钱|有欠款|未付款|还欠着款]的[客户|公司|单位][有哪些|名单|列表|]"),
        (Z, "[有欠款|欠钱|欠费|没结清]的客户[名单|有哪些|都有谁]"), (E, "[top|biggest] {N} clients by [balance|balance owed|amount owed]"),
        (E, "[clients|customers] [with a balance|who owe us money|with unpaid invoices]"),
    ],
    "invoices_due_soon": [
        (Z, "{F}[到期|要到期|即将到期]的[应收款|发票|账单|应收账款]"), (Z, "[快|马上]到期的[应收|发票|款][有哪些|]"),
        (Z, "{F}[该收|应收|要收]的款"), (Z, "[近期|这几天]到期[未付|]的发票"),
        (E, "invoices due [this week|next week|in the next 7 days|soon|{F}]"), (E, "receivables [falling due|due] {F}"),
        (E, "what [payments|invoices] are coming due"),
    ],
    "collected": [
        (Z, "{P}[回款|收款|到账|收了|收到][多少|多少钱|金额|总额|情况|了多少]"), (Z, "{P}[一共|总共]收[了|到]多少[钱|款]"),
        (Z, "[我的|{S}的|]客户{P}回款[多少|总额]"), (Z, "{P}[进账|入账]多少"),
        (E, "how much did we collect {P}"), (E, "[collections|cash collected|payments received] {P}"),
        (E, "{P} collections"), (Z, "{P}回款[额|金额]是多少"),
    ],
    "invoiced": [
        (Z, "{P}[开票|开了|开出][多少|多少钱|金额|总额|了多少票]"), (Z, "{P}[开票额|开票金额|发票金额][是多少|多少]"),
        (Z, "{P}[收入|营收|营业额][是多少|多少|一共多少]"), (E, "how much did we invoice {P}"),
        (E, "[invoiced|billing|billed|revenue] {P}"), (E, "{P} [invoicing|billings]"),
    ],
    "collection_rate": [
        (Z, "{P}[的|]回款率[是多少|多少|怎么样|]"), (Z, "{P}[收款率|回收率|回款比例|收回率]"),
        (E, "collection rate [for|in|] {P}"), (E, "{P} collection [rate|ratio|percentage]"),
    ],
    "signed": [
        (Z, "{P}[签约额|签约金额|合同额|新签合同金额|签单金额][是多少|多少|]"), (Z, "{P}签[了多少钱的合同|单多少钱|约多少]"),
        (Z, "{P}合同签了多少[钱|金额]"), (E, "[signed amount|contract value signed|bookings] {P}"),
        (E, "how much [did we sign|was signed|in contracts did we sign] {P}"),
    ],
    "contracts_expiring": [
        (Z, "{F}[到期|要到期|快到期|即将到期]的[合同|代理记账合同|服务合同|协议]"), (Z, "[哪些|有哪些]合同[快|要|]到期[了|]"),
        (Z, "[需要|该]续[约|签|费]的[客户|合同]"), (Z, "[合同|协议]{F}到期的[有哪些|]"),
        (E, "contracts expiring {F}"), (E, "[which|what] contracts [are up for renewal|expire soon|end {F}]"),
        (E, "renewals [due|coming up] {F}"),
    ],
    "documents_missing": [
        (Z, "[哪些|有哪些|哪几家]客户[还没|没有|没]交[资料|材料|票据|单据|银行流水][齐|]"),
        (Z, "{P}资料[没交齐|未提交|没交|缺]的客户"), (Z, "[资料|材料][逾期未交|超期未交|过了截止日还没交|迟交]的客户"),
        (Z, "[缺|还差][资料|材料|票|单据]的客户[有哪些|]"), (Z, "{C}[还差|缺|少]哪些[资料|材料]"),
        (E, "[which|what] clients [havent sent|are missing|still owe us] [documents|docs|paperwork]"),
        (E, "[missing|late|outstanding|overdue|past due] [documents|docs|paperwork] [list|]"), (E, "[documents|docs|paperwork] [overdue|late|past due|missing]"), (E, "who hasnt [sent|submitted] their [docs|documents] {P}"),
    ],
    "client_profile": [
        (Z, "{C}[的|][客户档案|档案|资料卡|情况|怎么样|基本信息|详情|360]"), (Z, "[看看|查一下|说说|介绍一下]{C}"),
        (Z, "{C}[这个客户|这家公司][怎么样|情况如何]"), (Z, "{C}的[联系人|合同|负责人]是[谁|哪些]"),
        (E, "[show|tell me about|profile of|info on] [client|] {C}"), (E, "hows {C} doing"), (E, "{C} [profile|card|details]"),
    ],
    "top_clients_by_revenue": [
        (Z, "[营收|收入|营业额|开票]{K}的客户"), (Z, "[营收|收入][最高|最多|最大]的{N}[个|家]客户"), (Z, "[客户|]营收排名"),
        (Z, "[谁|哪家客户]给[我们|]贡献[收入|营收]最多"), (Z, "[大客户|收入贡献]排行"),
        (E, "{K} clients by revenue"), (E, "[biggest|largest] clients by [revenue|billing]"), (E, "revenue ranking of clients"),
    ],
    "top_clients_by_profit": [
        (Z, "利润[最高|最低|最多|最少]的{N}[个|家]客户"), (Z, "[客户|]利润排[名|行]"), (Z, "[最赚钱|最不赚钱|亏钱]的客户"),
        (E, "[most|least] profitable clients"), (E, "{K} clients by profit"),
    ],
    "top_clients_by_margin": [
        (Z, "[毛利率|利润率][最高|最低]的{N}[个|家]客户"), (Z, "[客户|]毛利率排[名|行]"),
        (E, "[highest|lowest] margin clients"), (E, "clients [ranked|sorted] by margin"),
    ],
    "clients_by_attribute": [
        (Z, "[vip|普通|高风险|{R}的|{I}行业的|{I}的|标签是{T}的|小规模纳税人|一般纳税人|{S}的|我的|已流失的|潜在]客户[有哪些|名单|列表|都有谁|]"),
        (Z, "[列出|看看|给我]{R}的{I}公司"), (Z, "[高风险|vip|普通]客户[名单|列表|清单|有哪些|都有谁]"), (Z, "被[标记|标|列|设|归]为[vip|高风险|普通|重点][客户|]的[客户|公司|有哪些]"),
        (E, "clients [marked|flagged|tagged] as [vip|high risk|{T}]"), (E, "[list|show] [vip|{R}|{I}|my|{S}'s|churned] clients"),
        (E, "[which|what] clients are [in {R}|vip|small scale taxpayers|tagged {T}]"),
    ],
    "client_count": [
        (Z, "[vip|{R}的|{I}行业|我的|{S}的|小规模纳税人|一般纳税人|]客户[有多少|有几家|数量|总数|一共多少个|多少家]"),
        (Z, "[我们|咱们|公司]一共[有|服务]多少[个|家]客户"), (Z, "[客户|client|clients][数量|总数|数|个数|家数][是多少|多少|]"),
        (Z, "有多少[个|家|][vip|{R}的|{I}|小规模|一般纳税人|普通|高风险|]客户"), (Z, "[vip|{R}|{I}]客户[数量|数|总数][多少|]"), (E, "how many [vip|{R}|{I}|active|] clients [do we have|are there]"),
        (E, "[number|count] of [vip|] clients"),
    ],
    "clients_by_credit_rating": [
        (Z, "信用[等级|评级][为|是|]{G}的客户"), (Z, "{G}[级|类]信用的客户[有哪些|]"), (Z, "信用[差|不好]的客户"),
        (E, "clients with credit rating {G}"), (E, "{G} rated clients"),
    ],
    "clients_not_contacted": [
        (Z, "[超过|]{N}天[没联系|没有联系|未联系|没跟进|没沟通]的客户"), (Z, "[好久|很久|长时间]没[联系|跟进|拜访|沟通]的客户"),
        (Z, "[哪些|]客户[一直|]没[人|]跟进"), (E, "clients [not contacted|we havent talked to] in {N} days"),
        (E, "[who|which clients] havent we [contacted|reached out to] [lately|recently|in a while]"),
    ],
    "negative_feedback": [
        (Z, "{P}[差评|负面反馈|投诉|打了差评|给了差评|不满意]的客户"), (Z, "[谁|哪些客户]{P}[给了|打了]差评"),
        (Z, "[最近|]有[客户|]投诉吗"), (E, "[negative feedback|complaints|bad reviews] {P}"),
        (E, "[which|who] clients [complained|gave bad feedback|were unhappy] {P}"),
    ],
    "staff_client_count": [
        (Z, "{S}[负责|管|带|跟][了|]多少[个|家|]客户"), (Z, "我[负责|手上有|管]多少[个|家]客户"),
        (Z, "{S}[手上|名下]有几[个|家]客户"), (E, "how many clients does {S} [have|handle|manage|own]"),
        (E, "how many clients do i [have|handle]"),
    ],
    "staff_ranking": [
        (Z, "谁[回款|收款|营收|收入|逾期]最多"), (Z, "[员工|会计|同事][回款|营收|客户数|逾期金额]排[名|行]"),
        (Z, "哪个[员工|会计|同事][回款|收款][最多|最好|最少]"), (Z, "谁的客户最多"),
        (E, "who collected the most {P}"), (E, "[staff|accountant] ranking by [collections|revenue|clients]"),
        (E, "which [accountant|staff member] has the most clients"),
    ],
    "tax_deadline": [
        (Z, "{P}[申报|报税|纳税][截止日|截止日期|截止时间|最后一天|期限]"), (Z, "[增值税|个税|企业所得税|]几号[截止|报税|申报]"),
        (Z, "[这个月|下个月|12月]什么时候[报税|申报]"), (E, "[tax|filing] deadline [this month|for december|next month]"),
        (E, "when [is|do we] [the vat deadline|file taxes|file vat]"),
    ],
    "tax_filers": [
        (Z, "{P}[需要|要|该]申报[增值税|个税|企业所得税|印花税]的客户[有哪些|有多少|]"), (Z, "[哪些|多少]客户[要|需要]报[税|增值税]"),
        (E, "[which|how many] clients [need to|must] file [vat|taxes] [this month|]"),
    ],
    "help": [
        (Z, "[帮助|使用说明|怎么用|你能做什么|你会什么|能问什么|有什么功能|菜单]"), (Z, "我[可以|能]问[你|]什么"),
        (E, "[help|what can you do|how do i use this|commands|menu|what can i ask]"),
    ],
    "breakdown": [
        (Z, "按{D}[统计|汇总|分|拆分|看][一下|]{M}"), (Z, "{M}按{D}[分布|统计|拆分|占比|汇总|分一下]"),
        (Z, "各{D}[的|]{M}[占比|分布|情况|多少|对比|]"), (Z, "每个{D}[的|]{M}[是多少|各多少|分别多少|]"),
        (Z, "[逾期客户|客户|回款|收入|开票|新客户]按{D}[分布|统计|分组]"), (Z, "{P}[的|]{M}按{D}"),
        (Z, "不同{D}[的|]{M}[对比|比较]"), (Z, "{M}在各{D}[之间|]的分布"),
        (E, "{M} by {D}"), (E, "[break down|split|group] {M} by {D}"), (E, "{M} per {D} {P}"),
        (E, "[share|percentage] of {M} by {D}"), (E, "{D} breakdown of {M}"),
    ],
    "trend": [
        (Z, "[近|最近|过去]12个月[的|]{M}[趋势|走势|变化]"), (Z, "{M}[趋势|走势|变化曲线|月度变化]"),
        (Z, "[今年|去年|]每个月[的|]{M}"), (Z, "每[季度|个季度|月][的|]{M}[是多少|]"), (Z, "{M}按月[统计|看|走势|列一下]"),
        (Z, "[今年|去年]{M}[逐月|按月|每月][情况|变化|]"), (Z, "每个月[的|]{M}[多少|是多少|各多少|分别是多少]"),
        (Z, "{M}按[季度|月|月份][统计|看|列|]"), (Z, "[各|每个]季度[的|]{M}"), (Z, "{M}[月度|季度]趋势"),
        (E, "{M} trend [over the last 12 months|this year|by month|]"), (E, "monthly {M} [this year|last year|]"),
        (E, "[quarterly|month by month] {M}"), (E, "how has {M} [changed|moved] [month over month|over the year]"),
    ],
    "summary": [
        (Z, "{P}[经营情况|经营概况|经营数据|整体情况|业绩怎么样|生意怎么样|经营分析|运营情况|做得怎么样|数据汇总|总结]"),
        (Z, "[给我|来个|出个]{P}[的|][经营|业务|]小结"), (Z, "{P}[整体|总体]表现[如何|怎么样]"), (Z, "[经营|业务]看板"),
        (E, "how did we do {P}"), (E, "{P} [summary|overview|business review|kpis]"), (E, "[business|monthly] summary"),
    ],
    "staff_board": [
        (Z, "[员工|团队|会计|大家|每个人|同事][的|]业绩[看板|排行|情况|表|]"), (Z, "{P}每个人的[业绩|工作量|数据]"),
        (Z, "[员工|团队]绩效[看板|汇总|]"), (Z, "[大家|每个人|各位同事|同事们]{P}[干得|做得|表现|业绩][怎么样|如何|咋样]"), (Z, "{P}[团队|员工][表现|业绩]怎么样"),
        (E, "[team|staff] [performance|board|scorecard|leaderboard]"), (E, "how did [the team|everyone|the staff|each accountant] do {P}"), (E, "how is [the team|everyone] doing {P}"),
        (E, "[staff|employee] [performance|kpis] {P}"),
    ],
    "new_clients": [
        (Z, "{P}新[签|增|签约|来|开发][了|][几个|多少|几家|多少家]客户"), (Z, "{P}[新客户|新签客户|新增客户][有哪些|有多少|数量|名单|几个|]"),
        (Z, "{P}[签|谈|拿下][了|]几[个|家]新客户"), (Z, "{P}[开发|签进来|进来]的新客户"),
        (E, "new clients {P}"), (E, "how many [new clients|clients did we sign|clients did we win] {P}"),
        (E, "[clients onboarded|client acquisitions] {P}"),
    ],
    "clients_by_health": [
        (Z, "健康[度|分|评分][最低|最差|最高|排名|排行][的|][{N}个|{N}家|]客户"), (Z, "客户健康[度|分][排名|排行|列表|情况]"),
        (Z, "[最不健康|健康状况最差]的[{N}个|]客户"), (E, "[lowest|worst|top] health score clients"), (E, "clients [ranked|sorted] by health"),
    ],
    "clients_at_risk": [
        (Z, "[哪些|有哪些]客户有[流失风险|流失的风险|风险]"), (Z, "[可能|快要|要]流失的客户"), (Z, "[风险客户|高危客户|预警客户][名单|有哪些|]"),
        (Z, "[健康度|健康分]低于60的客户"), (E, "[clients at risk|at-risk clients|churn risk]"), (E, "who [might|could|is likely to] churn"),
    ],
    "client_segments": [
        (Z, "客户价值[分层|分群|矩阵|分类]"), (Z, "[高价值低忠诚|高价值高忠诚|低价值高忠诚|低价值低忠诚]的客户"),
        (Z, "[按|]价值[和|与|x|×]忠诚度[分层|分类|分一下]"), (Z, "[rfm|客户分层|客户分级]"),
        (E, "client [segments|segmentation|value segments]"), (E, "[high value low loyalty|high value] clients"),
    ],
    "client_metric": [
        (Z, "{C}[的|][毛利率|利润率|健康度|健康分|利润|回款率|营收|收入|累计营收|终身价值|工时|服务成本]"),
        (Z, "{C}{P}[回款|开票|收入|付了|交了][多少|多少钱|了多少]"), (Z, "{C}[一年|今年|这一年]给[我们|]贡献[了|]多少[收入|营收]"),
        (Z, "{C}[健康|状况]打[几分|多少分]"), (E, "{C}'s [margin|health score|profit|revenue|ltv]"),
        (E, "how much did {C} pay {P}"), (E, "what is {C}'s [gross margin|health]"),
    ],
    "action": [
        (Z, "[催一下|催催|提醒一下|提醒]{C}[的|][资料|{P}资料|付款|回款|款]"), (Z, "收到{C}[转账|付款|汇款|打款]{N}[元|块|万|]"),
        (Z, "[把|将]{C}[标记为|改成|设为|调成][vip|高风险|普通|已流失]"), (Z, "记[一笔|一下|个]：[今天|昨天]和{C}[电话|微信]沟通[续约|付款]"),
        (Z, "{C}[{P}|][账务处理|记账|报税][完成|做完了|已完成]"), (Z, "[合同|ht]9[已续约|续签了|终止了|作废]"),
        (Z, "[给|帮我给]{C}[发个|发一下][提醒|催款通知|消息]"), (Z, "[删除|删掉|撤销|取消][这条|那条|刚才的][记录|付款|操作]"),
        (Z, "{C}[承诺|答应]{F}[付款|还钱|打款]"), (Z, "[把|]{C}[转给|交给|分给]{S}[负责|]"), (Z, "{C}[的|]{P}[资料|银行流水|发票][收到了|交了|已提交]"),
        (Z, "[确认|确定|取消|撤销|好的执行]"), (Z, "[登记|录入|新增][一个|]客户{C}"), (Z, "[给|]{C}开[一张|]{N}[元|万]的发票"),
        (E, "[remind|chase|nudge] {C} [about|for] [documents|payment|docs]"), (E, "[record|log] [a |]payment of {N} from {C}"),
        (E, "mark {C} as [vip|churned|high risk]"), (E, "{C} [renewed|paid|signed]"), (E, "[undo|confirm|cancel] [that|]"),
        (E, "assign {C} to {S}"), (E, "send {C} a reminder"),
    ],
    "chitchat": [
        (Z, "[你好|您好|早上好|晚上好|hi|hello|嗨|在吗|在不在]"), (Z, "[谢谢|多谢|辛苦了|好的|收到|明白|ok|嗯嗯|哈哈|厉害|棒]"),
        (Z, "[收到|收到了|好的收到|收到谢谢|知道了|了解|行|好|嗯]"),
        (Z, "你是[谁|什么|机器人吗|ai吗]"), (Z, "[今天|最近][好累|好忙|心情不好]"), (Z, "[早|晚安|拜拜|再见|周末愉快]"),
        (E, "[hi|hello|hey|good morning|thanks|thank you|ok|cool|bye|lol|who are you|are you a bot]"),
    ],
    "out_of_scope": [
        (Z, "[明天|今天|周末][会下雨吗|天气怎么样|天气如何]"), (Z, "给我讲个[笑话|故事]"), (Z, "[帮我|]订[一张|][机票|火车票|酒店|会议室]"),
        (Z, "[今天|最近]股市怎么样"), (Z, "[写|作]一首诗"), (Z, "[翻译|把这句话翻译成英文]"), (Z, "[晚上|中午]吃什么"),
        (Z, "[增值税|个税|企业所得税|印花税][税率|怎么算|是多少个点|怎么交]"), (Z, "[怎么|如何][开发票|注册公司|做账|报销]"),
        (Z, "[小规模纳税人|一般纳税人]的[定义|区别|标准]是什么"), (Z, "[比特币|黄金|房价][多少钱|涨了吗]"), (Z, "[推荐|介绍][一本书|一部电影|个餐厅]"),
        (Z, "[帮我|]写[一封|个][邮件|周报|请假条]"), (Z, "[北京|上海]到[深圳|杭州]多远"), (Z, "[世界杯|nba|比赛]谁赢了"),
        (Z, "[会计准则|新收入准则|小企业会计准则]怎么[规定|理解]"), (Z, "[公司|我们][年会|团建][去哪|什么时候]"),
        (E, "[whats the weather|tell me a joke|book a flight|write a poem|translate this|what time is it|who won the game]"),
        (E, "[how do i|how to] [file my personal taxes|register a company|make coffee]"), (E, "what is [the vat rate|ifrs 15|bitcoin price]"),
    ],
}
for _label, _more in MORE.items():  # scripts/intent_paraphrases.py: more wordings per family
    TEMPLATES[_label] = TEMPLATES[_label] + _more
GRADES = ["a", "b", "c", "d", "A", "B", "C", "D"]
_ALT = re.compile(r"\[([^\[\]]*)\]")


def _fill(template: str, lang: str, rng: random.Random, statement: bool = False) -> str:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    zh = lang == Z
    fillers = {
        "{C}": lambda: "Ⓒ", "{S}": lambda: "Ⓢ", "{R}": lambda: "Ⓡ", "{I}": lambda: "Ⓘ", "{T}": lambda: "Ⓣ",
        "{P}": lambda: rng.choice(PAST_ZH if zh else PAST_EN), "{F}": lambda: rng.choice(FUTURE_ZH if zh else FUTURE_EN),
        "{N}": lambda: rng.choice(NUM), "{K}": lambda: rng.choice(TOP_ZH if zh else TOP_EN),
        "{D}": lambda: rng.choice(DIM_ZH if zh else DIM_EN), "{M}": lambda: rng.choice(METRIC_ZH if zh else METRIC_EN),
        "{G}": lambda: rng.choice(GRADES),
    }
    for slot, fill in fillers.items():
        while slot in text:
            text = text.replace(slot, fill(), 1)
    pre, post = (PRE_ZH, STATEMENT_POST_ZH if statement else POST_ZH) if zh else (PRE_EN, POST_EN)
    text = rng.choice(pre) + text + rng.choice(post)
    if zh and rng.random() < 0.15:
        text = text.replace("客户", rng.choice(["clients", "client", "客户", "公司"]), 1)  # mixed wording
    return _slip(text, rng) if rng.random() < 0.12 else text


def _slip(text: str, rng: random.Random) -> str:
    """One typing slip away from a placeholder: a dropped, doubled or swapped character."""
    spots = [i for i, ch in enumerate(text) if ch not in "ⒸⓈⓇⒾⓉ" and not ch.isspace()]
    if len(spots) < 4:
        return text
    i = rng.choice(spots[:-1])
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return text[:i] + text[i + 1:]
    if kind == "double":
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def corpus(per_template: int = 40, seed: int = 12) -> list[tuple[str, str]]:
    """(sentence, label) pairs, deduplicated, in a reproducible order. Each label draws from its own generator, so a
    template added to one family leaves every other family's sentences as they were."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for label, templates in TEMPLATES.items():
        rng = random.Random(f"{seed}:{label}")
        for lang, template in templates:
            for _ in range(per_template):
                pair = (_fill(template, lang, rng, statement=label in STATEMENTS), label)
                if pair not in seen:
                    seen.add(pair)
                    out.append(pair)
    return out
