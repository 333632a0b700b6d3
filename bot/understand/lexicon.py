"""The words staff use, in Chinese and English, and what each one signals.

Each table maps a *tag* to the surface forms that carry it. A surface may carry several tags ("逾期" is
both an overdue cue and, next to 资料, a late-documents cue; "报税" is a filing cue and the tax-filing
service): the parser decides from the whole question which reading applies. Surfaces are written the way
`text.normalize` leaves them (lower case, no punctuation, half-width).

Tags:
- `cue.<name>`: a word that points to a question family or a modifier (see parser.py for how they combine);
- `tier.*`, `taxpayer.*`, `status.*`, `service.*`, `tax.*`: attribute values;
- `industry.<canonical>`, `region.<canonical>`, `tag.<canonical>`: synonyms of the firm's own values, used
  only when the firm has that value (entities.py);
- `filler`: a word that carries no meaning for the query; `neg`: a negation (the parser refuses to guess).
"""

from __future__ import annotations

from functools import cache

from bot.understand.analytics_words import ANALYTICS_CUES


def _en(phrases: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in phrases.split("|") if p.strip())


# "biggest client by revenue": one superlative client (a name, not a top-10 list)
_ONE_TOP = _en("biggest client|largest client|top client|best client|biggest customer|largest customer|"
               "top customer|best customer|most valuable client|most profitable client|most profitable customer")


def _zh(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_PAY_ZH = ("付款", "付", "付钱", "回款", "还款", "结款", "打款", "结账", "交费", "缴费")
# "没按时付款", "从不按时付款", "don't pay on time": late payers, the overdue list (never the on-time reading)
_NOT_ON_TIME = _zh("不 没 没有 未 没能 未能 不能 从不 从没 很少 不太 总不 老不 经常不 常常不")
_LATE_PAYERS = tuple(f"{no}{when}{pay}" for no in _NOT_ON_TIME
                     for when in ("按时", "准时", "按期", "及时") for pay in _PAY_ZH) + tuple(
    f"{no} {pay} on time" for no in ("dont", "doesnt", "didnt", "havent", "hasnt", "not", "never", "cant", "wont",
                                     "arent", "isnt", "rarely", "seldom") for pay in ("pay", "pays", "paid", "paying"))

# "还没付", "仍未结清", "没把钱结清", "尚未收回来": not yet paid, every negation with every paying verb (the unpaid
# state asked about, never a negation of the question)
_UNPAID_VERBS = ("付", "付款", "付钱", "给钱", "交钱", "回款", "收", "收回", "收回来", "收到钱", "结", "结清", "结账",
                 "付清", "还钱", "还款", "打款", "到账")
_UNPAID = tuple(dict.fromkeys(
    f"{no}{money}{verb}" for no in ("没", "没有", "未", "还没", "还没有", "仍未", "仍没", "尚未", "还未", "一直没")
    for money, verbs in (("", _UNPAID_VERBS), ("把钱", ("结清", "付清", "还清", "给", "付", "结", "还", "打过来")),
                         ("把款", ("结清", "付清", "还清", "付", "结", "打过来")), ("把账", ("结清", "结", "结了")))
    for verb in verbs))

# "亏得最多", "亏损最大", "亏钱最厉害": the least profit (profit, lowest first)
_LOSS_MOST = tuple(f"亏{how}{most}" for how in ("", "得", "了", "钱", "损", "本")
                   for most in ("最多", "最大", "最厉害", "最狠"))

CUES: dict[str, tuple[str, ...]] = {
    "overdue": (
        _zh(
            "过了到期日 已过到期日 超过到期日 过了到期日还没收回来 过了到期日还没收回 过了到期日没收回来 "
            "过了到期日还没付 到期了还没收回来 到期还没收回来 到期没收回来 到期未收回 "
            "逾期未收回 逾期没收回 逾期未支付 逾期没付 催款 催收 需要催款 要催款 该催款 逾期 已逾期 逾期未付 "
            "逾期未付款 逾期未还 逾期未回款 逾期未收 逾期未结 过期未付 超期未付 拖欠 拖款 欠款逾期 未按时付款 "
            "没按时付款 过了账期 超过账期 超账期 账期已过 逾期账款 逾期款 拖着 "
            "过了付款日 过了还款日 已过付款日 钱到期没给 钱到期还没给 钱到期了还没给 钱到期了没给"
        )
        + _LATE_PAYERS
        + _en("overdue|past due|late payment|late payments|paying late|pay late|delinquent|in arrears|arrears|"
              "late paying|late payers|late payer|slow payers|slow paying|paid late|behind on payments|"
              "past the due date|past due date|past their due date|after the due date")
    ),
    "receivable": (
        _zh(
            "没付款 还没付款 未付款 没付钱 还没付钱 没给钱 还没付 没有付款 没付 未付 尚未付款 没交钱 应收 应收款 "
            "应收款项 应收账款 应收余额 应收总额 应收金额 欠款 欠款余额 欠费 欠钱 欠我们 欠我们的钱 欠我们钱 欠了 "
            "欠 未收款 未收回 没收回 待收 待收款 尚未收回 未结清 没结清 未付清 没付清 余额 挂账 挂着的 挂着 "
            "没付给我们 还没付给我们 没给我们 还没给我们 没打给我们 "
            "没收回来 还没收回来 未收回来 没收 还没收 没结 还没结 未结 没结账 未结账 还差我们 差我们 还欠我们 "
            "尚未支付 未支付 尚未付清 尚未结清 尚未收到"
        ) + _UNPAID
        + _en(
            "receivable|receivables|hasnt paid|havent paid|have not paid|has not paid|not paid|not yet paid|"
            "didnt pay|yet to pay|accounts receivable|ar|outstanding balance|outstanding|balance|balances|owe|owes|"
            "owed|owing|debt|debts|unpaid|still owe|money owed"
        )
    ),
    "debtor": _zh("欠款大户 欠款客户") + _en("debtors|debtor"),
    "due": (
        _zh(
            "到期提醒 到期的提醒 到期 快到期 即将到期 将要到期 将到期 要到期 就要到期 马上到期 临近到期 到期日 "
            "临期"
        )
        + _en("due|due soon|coming due|falls due|fall due|falling due|due date")
    ),
    "expire": (
        _zh("届满 期满")
        + _en("expiring|expire|expires|expiry|expiration|run out|runs out|running out|ending|end|ends")
    ),
    # what "falls due" is money owed (contracts expire, filings have deadlines)
    "invoice": _zh("发票 账单 款项 账款 款 票 付款 应付款")
    + _en("invoice|invoices|bill|bills|payment|payments|falls due|fall due|falling due"),
    "contract": _zh("合同 合约 协议 服务合同 服务约 服务合约")
    + _en("contract|contracts|agreement|agreements|engagements"),
    "renew": (
        _zh("续约 续签 续费 待续约 需要续约 要续约 要续吗 需要续吗 要续么 续吗")  # not 要续: 要续签
        + _en("renewal|renewals|renew|renewing|up for renewal")
    ),
    "collect": (
        _zh("回款 收款 收到 收回 到账 进账 回笼 收了 入账 回了 回款额 回款金额 收款额 打过来 打来 打进来 转过来 转来 "
            "汇过来 汇来 汇款 汇了 汇进来 付过来 付来 回来 "
            "付了多少 付了多少钱 付过多少 一共付了 总共付了 付给我们 交了多少钱 "
            "收的钱 收到的钱 收回的钱 收回来的钱 收了多少钱 付了我们 付我们 给了我们多少 付了多少钱给我们 到了多少钱 "
            "到了多少款 到账了多少")
        + _en(
            "collector|collectors|brought in|bring in|brings in|cash|"
            "cash came in|money came in|money in|collect|collected|collecting|"
            "collection|collections|received|cash in|cash received|payments received|got paid|came in|paid us|"
            "has paid|have paid|pays us|pay us|receipts|cash receipts|receipt"
        )
    ),
    # "收回了百分之多少", "what % … have been paid": a share of something; parser.py makes it the collection rate
    # when it is money collected of what fell due, else the share of a breakdown (which asks by what)
    "percent": _zh("百分之多少 百分之几 百分比是多少 百分比 多少个点") + _en("what %|what percent|what percentage|"
                                                                   "which percentage|percentage of|% of"),
    "collection_rate": (
        _zh("回款率 收款率 回收率 收回率 回款比例 汇款率")
        + _en("collection rate|collection ratio|collection percentage|collection rates")
    ),
    "invoiced": (
        _zh("开票 开票额 开票金额 开票总额 开了多少票 开了多少发票 开发票 开出发票 开出 开具 开了")
        + _en(
            "invoiced|billed|invoicing|billing|billings|amount invoiced|amount billed|did we invoice|we invoice|"
            "did we bill|"
            "we bill|total invoiced"
        )
    ),
    "signed": (
        _zh("签约额 签约金额 签约 新签 签单 签了 签下 签的 合同额 合同金额 签约量 签回来 签单金额 签单额")
        + _en("signed|signing|signings|new contracts|new business|bookings|contract value|sign")
    ),
    "docs": (
        _zh(
            "资料 材料 单据 凭证 票据 文件 银行对账单 对账单 进项发票 销项发票 工资表 费用报销单 报销单 月度资料 "
            "记账资料 账务资料 财务资料 会计资料 做账资料 交资料 交材料 提交资料 "
            "资料没到 资料还没到 材料没到 材料还没到 进项票 进项 银行回单 回单 银行流水 流水"
        )
        + _en("documents|document|docs|paperwork|papers|files|statements|bank statements|records")
    ),
    "missing": (
        _zh(
            "没交 未交 没有交 还没交 未提交 没提交 没有提交 还没提交 待提交 没交齐 未交齐 没有交齐 还没交齐 不齐 没齐 "
            "缺 缺少 缺失 还差 差 欠缺 没给 没发 没收到 未收到 没上传 未上传 没有给 "
            "没送 没送来 还没送来 没送过来 没寄 没寄来 没发来 没发过来 没传 没交来 未送 未送达 "
            "没交全 未交全 没有交全 还没交全 没收全 不全 没交完 未交完 没齐全 "
            "没收齐 未收齐 还没收齐 没有收齐 没备齐 没给齐 "
            "资料没到 资料还没到 材料没到 材料还没到"
        )
        + _en(
            "missing|pending|not submitted|not yet submitted|havent submitted|have not submitted|hasnt submitted|"
            "has not submitted|not received|not sent|not in|yet to submit|not handed in|still need|"
            "havent handed in|hasnt handed in|have not handed in|has not handed in|didnt hand in|havent turned in|"
            "hasnt turned in|not turned in|havent sent in|hasnt sent in|not sent in|havent provided|hasnt provided|"
            "not provided|havent uploaded|hasnt uploaded|not uploaded"
        )
    ),
    "docs_done": (
        _zh("交齐 已交齐 都交齐 全部交齐 交齐了 都交了 已交 已经交了 已提交 都提交了 全部提交 已全部提交 "
            "齐全 收齐 已收齐 交全 交完 已交完 都齐了 齐了 交过了 已上传 都上传了 全部交了 全交了 全都交了 全部交完 "
            "都已经交了 已经全部交了 全部都交了 "
            "按时交 按时提交 准时交 准时提交 按期交 按时给 按时上传")  # "资料一直按时交的": the opposite of late
        + _en("all submitted|fully submitted|submitted everything|sent everything|sent all|complete documents|"
              "send everything|send all|submit everything|submit all|handed in everything|hand in everything|"
              "sent in everything|send in everything|"
              "documents complete|docs complete|all documents received|all docs in|fully received")
    ),
    "late": (
        _zh("逾期未交 逾期没交 超期未交 过期未交 迟交 晚交 超时未交 逾期 超期 过期 过了截止日 超过截止日期 拖期 拖延 "
            "延期 误期 拖拖拉拉 拖着不交 拖着没交 拖着")
        + _en("late|overdue|past due|past deadline|behind")
    ),
    # the words that name the card itself (not "about", "how is"): one client's card asked for by what is on it
    "card": _zh("基本信息 档案 客户档案 客户信息 概况 信息 画像 全貌 简介 资料卡 客户资料卡 卡片 客户卡片 360视图 全景 "
                "全景视图")
    + _en("profile|client profile|overview|rundown|full picture|client card|card|snapshot|360 view|details|info|"
          "information"),
    "profile": (
        _zh(
            "沟通记录 跟进记录 联系记录 拜访记录 最近联系 上次联系 最后联系 联系人 联系方式 电话 手机 负责人 地址 "
            "档案 客户档案 客户信息 详情 详细信息 详细情况 情况 状况 怎么样 咋样 咋样了 怎样了 如何 "
            "概况 信息 画像 全貌 基本信息 简介 介绍 "
            "一下情况 360视图 视图 全景 全景视图 360度 全方位 客户卡片 卡片 表现 资料卡 客户资料卡"
        )
        + _en(
            "last contact|interactions|history|contact history|contacts|contact person|phone|phone number|"
            "everything we have on|everything on|all we have on|everything about|all we know about|situation|"
            "who handles|who is responsible for|360|profile|details|detail|info|information|overview|summary|about|"
            "tell me about|show client|look up|lookup|card|how is|hows|how are|what about|client card|"
            "client profile|360 view|full view|snapshot|how did|how was|how were|perform|performed|performing|"
            "client file|client record|client records|file on"
        )
    ),
    "revenue": (
        _zh("营收 收入 营业额 销售额 创收 业务收入 服务收入 收费")
        + _en("revenue|revenues|income|sales|turnover|fees")
    ),
    "profit": (
        _zh("利润 盈利 赚钱 赚得 赚的 挣钱 挣得 挣的 赚了多少 赚多少 挣了多少 "
            "毛利 利润额 净利 最不赚钱 最不挣钱 最亏 利润贡献 盈利贡献")
        + _LOSS_MOST
        + _en("profit|profits|profitable|profitability|earnings|money makers|earn us|earns us|earned us|make us|"
              "makes us|made us")
    ),
    "margin": _zh("利润率 毛利率 利润占比 盈利率 毛利几个点 利润几个点 毛利多少个点 毛利点数")
    + _en("margin|margins|profit margin|profit margins|margin rate"),
    "rank_most": _ONE_TOP + (
        _zh("冠军 最多 最高 最大 最好 最强 最 排名 排行 排行榜 排前 第一 第一名 排第一 拿第一 从高到低 降序 从大到小 "
            "由高到低 排个序 排一下 排下序 从多到少 由多到少 从大到小排 从高往低 由高至低 由大至小 由多至少 "
            "排个名 排一排")
        + _en(
            "top|most|highest|largest|biggest|best|greatest|leading|ranking|rank|ranked|rankings|leaderboard|"
            "descending|sort by|sorted by|rank by|rank them"
        )
    ),
    "rank_least": (
        _zh("最少 最低 最小 最差 倒数 垫底 末尾 尾部 从低到高 升序 从小到大 由低到高 最不赚钱 最不挣钱 最亏 "
            "最薄") + _LOSS_MOST
        + _en("bottom|lowest|least|smallest|worst|fewest|ascending|thinnest|slimmest|weakest|poorest")
    ),
    "count": (
        _zh(
            "客户数 客户数量 客户量 多少个 多少家 多少位 多少名 多少户 几个 几家 几位 几名 几户 数量 个数 "
            "共计几家 共计多少家 合计几家 合计多少家 总计几家 总计多少家 共计几个 共计若干家 "
            "家数 总数 户数 "
            "有多少家 有多少个 有多少位 有多少户 有几家 有几个 "
            "数目 有几 计数 数一下 数数 数一数 多不多"
        )
        + _en("how many|number of|count|total number|no of|many")
    ),
    "howmuch": _zh("多少 是多少 有多少 几 若干") + _en("how much"),
    "total": _zh("总额 总金额 总计 合计 共计 总和 款总数 款总额 金额总数 钱总数 总数是多少钱 "
                 "加起来 加一块 加一块儿 加在一起 加一起 合起来 加总 汇总 总共是多少")
    + _en("total|sum|in total|altogether|aggregate"),
    "amount": _zh("多少钱 多少金额 金额多少 金额是多少 金额 的钱 那部分钱 这部分钱 那部分金额 那部分款 "
                  "签约额 签约金额 合同额 合同金额 签单额 "
                  "签单金额") + _en("amount|amounts|how much|how much money|value|money"),
    "list": (
        _zh("哪些 有哪些 哪几家 哪几个 哪几位 名单 列表 清单 列出 列一下 明细 都有谁 有谁 所有 全部 所有的 全部的 "
            "拉个单子 拉个清单 拉个名单 拉张单子 拉一下 单子 还有哪些 还有谁 "
            "有哪几家 有哪几个 有哪几位 是哪几家 是哪几个 那几家 那几个 这几家 这几个 哪几户 有哪几户 那几户 这几户 "
            "都是哪些户 哪些户")  # which ones, not how many
        + _en("which|list|show|give me|display|get|all")
    ),
    "singular": _zh("哪家 哪个 哪一家 哪一个 哪位")
    + _en("which client|which company|which customer|which organisation|which organization|which firm|which account")
    + _ONE_TOP,
    "who": _zh("谁 是谁 哪位") + _en("who|whos|who has|who is"),
    "when": _zh("什么时候 何时 哪天 哪一天 几号 啥时候 几号前 几号之前 几号以前 哪天前 哪天之前 什么时候前 "
                "什么时候之前") + _en("when|what date|which day|by when"),
    "aging": (
        _zh("账龄 账龄分析 账龄分布 账龄结构 逾期分布 逾期结构 逾期账龄 账龄段 各账龄段 分账龄段")
        + _en("aging|ageing|aging report|aging buckets|aging analysis|ageing report|ageing analysis|"
              "aged receivables|aged receivable|aged debt|aged debts|aged ar|aged balances|aged debtors")
    ),
    "client_noun": (
        _zh("客户 公司 企业 单位 客户公司 商户 客户们 客户数 客户数量 我客户 户数")  # 名下客户数: clients, counted
        + _en("clients|client|customers|customer|companies|company|firms|businesses|accounts|account")
        + _ONE_TOP + _en("filers")  # "增值税 filers": the clients who file
    ),
    "staff_noun": (
        _zh("员工 同事 会计 职员 人员 哪位同事 哪个员工 哪个会计 哪位会计 哪个同事 业务员 客户经理 专员")
        + _en(
            "staff|employee|employees|colleague|colleagues|accountant|accountants|team member|team members|staffer|"
            "staff member|which staff|which employee|collector|collectors|on the team|in the team|on my team"
        )
    ),
    "responsible": (
        _zh("负责 负责的 名下 管 管理 管的 跟进 手上 手里 手头 对接 承接 跟的 手底下 手下")
        + _en(
            "responsible for|handles|handle|handling|manages|manage|managing|owns|own|owned by|assigned to|"
            "in charge of|looks after|serves|has|have"
        )
    ),
    "credit": (
        _zh("信用 信用等级 信用评级 信用级别 信用分级 资信 评级 信用状况 等级为 信用为")
        + _en("credit|credit rating|credit ratings|credit grade|rating|rated|grade|graded")
    ),
    "not_contacted": (
        _zh(
            "没联系 没有联系 未联系 没联络 未联络 没有联络 没沟通 没有沟通 未沟通 没跟进 没有跟进 未跟进 没回访 "
            "未回访 没有回访 没拜访 未拜访 没打电话 没见面 失联 没互动 没有互动 没有接触 没接触 未接触 联系不上 "
            "没去联系 没人跟进 没人联系 没有人跟进 没有人联系 没人跟 没人管 没人沟通 没人去联系 无人跟进 无人联系 "
            "没人回访"
        )
        + _en("没follow up|没有follow up|未follow up|没followup|没有followup|没有follow|没follow")
        + _en(
            "havent we contacted|have we not contacted|we havent contacted|havent we talked to|havent we spoken to|"
            "havent we heard from|we have not contacted|not been in touch with|havent been in touch with|"
            "not contacted|havent contacted|have not contacted|not been contacted|havent been contacted|no contact|"
            "without contact|not talked to|havent talked to|havent spoken to|not spoken to|not heard from|"
            "havent heard from|no interaction|no interactions|not touched|untouched|not reached out to|"
            "havent reached out to|gone quiet|not followed up|no follow up|not in touch|lost touch|out of touch|"
            "havent followed up|havent followed up with|no follow up with|not followed up with|no followup|"
            "havent we been in touch with|have we not been in touch with|havent been in touch|not been in touch|"
            "havent we been in contact with|not been in contact with"
        )
    ),
    # "没给过差评的客户", "never complained": the opposite of the negative-feedback list (refused, decide.py)
    "no_negative": tuple(f"{no}{verb}{word}" for no in ("没", "没有", "未", "从没", "从没有", "从未", "无", "不曾")
                         for verb in ("", "给过", "给", "打过", "打", "留过", "有过", "提过", "过")
                         for word in ("差评", "低分", "投诉", "负面反馈", "负面评价", "不满"))
    + _en("no complaints|never complained|no negative feedback|without complaints|without negative feedback|"
          "not complained"),
    # "按时付款从不拖欠的客户", "clients who always pay on time": the opposite of the overdue list (refused, decide.py);
    # "没按时付款", "don't pay on time" are overdue (`_LATE_PAYERS` below, longer words than these)
    "on_time": tuple(f"{when}{pay}" for when in ("按时", "准时", "按期", "及时", "一直按时", "都按时", "总是按时")
                     for pay in _PAY_ZH)
    + tuple(f"{never}{late}" for never in ("从不", "从没", "从没有", "从未", "从来不", "从来没", "从来没有", "不曾")
            for late in ("拖欠", "拖欠过", "逾期", "逾期过", "拖款", "拖过款", "欠款", "欠过款", "欠钱", "晚付",
                         "迟付"))
    + _zh("付款及时 付款很及时 回款及时 回款很及时 付款准时 付款很准时 没拖欠过 没有拖欠过 没逾期过 没有逾期过")
    + tuple(f"{always}{pay} on time" for always in ("", "always ") for pay in ("pay", "pays", "paid", "paying"))
    + _en("on time payers|on time payer|punctual payers|prompt payers|pay promptly|pays promptly|never late|"
          "never overdue|never paid late|never pay late|never pays late|no late payments|never been late|"
          "never been overdue"),
    "negative": (
        _zh(
            "差评 不满意 不满 投诉 负面反馈 负面评价 负面 低分 评分低 打分低 低评分 差的反馈 不好的评价 抱怨 "
            "给差评 给过差评 给过低分 给低分 打过低分 打低分 打了低分 打过差评 服务打了低分 服务打低分 "
            "反馈不好 反馈差 评价不好 评价差 评分不高 口碑差 不太满意 吐槽 吐槽过"
        )
        + _en(
            "negative feedback|negative reviews|negative review|negative|complaints|complaint|complained|"
            "rated us poorly|rated us badly|rated us low|poor rating|poor ratings|low rating|low ratings|"
            "complaining|unhappy|dissatisfied|unsatisfied|bad reviews|bad feedback|bad review|low scores|low score|"
            "low ratings|poor feedback|poor reviews|left negative feedback|gave negative feedback|"
            "gave us negative feedback|left us negative feedback|left bad feedback|gave bad feedback|left a complaint|"
            "filed a complaint|left a bad review|gave a bad review|left bad reviews|gave us a bad review"
        )
    ),
    "feedback": _zh("反馈 评价 评分 满意度") + _en("feedback|reviews|review|scores|score"),
    "tax_deadline": (
        _zh(
            "申报截止 申报截止日 申报截止日期 报税截止 报税截止日 报税截止日期 纳税截止 截止日 截止日期 截至日期 "
            "截止时间 截止 征期 申报期 申报期限 报税期 纳税期限 申报日 报税日 最后期限 最后一天 几号截止 哪天截止 "
            "什么时候截止 什么时候报税 什么时候申报 几号报税 几号申报 哪天报税"
        )
        + _en(
            "deadline|deadlines|ddl|filing deadline|tax deadline|filing date|when to file|when do we file|"
            "filing window|"
            "last day to file|due date for filing|filing due date|filing period end|filing period ends|"
            "end of the filing period"
        )
    ),
    "tax_file": (
        _zh(
            "报增值税 报企业所得税 报个税 报个人所得税 报附加税 报印花税 交增值税 缴增值税 申报 报税 纳税申报 要报 "
            "需要报 要申报 需要申报 报的 缴税 纳税 交税 报完 申报完 报完税 交完税"
        )
        + _en(
            "file|filing|filings|filers|filer|file taxes|tax filing|tax return|tax returns|returns|declare|declaration|"
            "pay tax|pay taxes"
        )
    ),
    "help": (
        _zh(
            "帮助 使用帮助 帮助文档 你能做什么 你可以做什么 你会做什么 你会什么 能做什么 可以做什么 能问什么 "
            "可以问什么 我能问什么 我可以问什么 怎么用 如何使用 怎么使用 使用说明 使用方法 说明 功能 有什么功能 "
            "菜单 指令 命令 你是谁 你好 您好 嗨 哈喽 在吗 会些啥 会啥 能干啥 能干什么 都会什么 会些什么 "
            "能做啥 可以干啥 能帮我干啥 能帮我做什么 能帮什么 怎么玩 用法 举几个例子 举个例子 举例子 "
            "支持哪些问题 能回答什么 可以回答哪些问题 能问哪些 咨询哪些 可以咨询 能咨询 向您咨询 向你咨询 "
            "哪些方面的问题 什么方面的问题 我是新来的 使用示例 示例 提问示例 举个例子 你能帮我看哪些 你能看哪些 "
            "你能查哪些 能查哪些 能看哪些 可以查哪些 可以看哪些 你能帮我查哪些 怎么向你提问 怎么提问 如何提问 怎么问你 "
            "应该怎么问"
        )
        + _en(
            "help|what can you do|what can i ask|how do i use|how to use|usage|commands|menu|hi|hello|hey|"
            "who are you|what do you do|what are you able to do|what are you able to look up|"
            "what can you look up|what questions can i ask|how does this work|"
            "what reports can you|what reports do you|what can you give me|what can you show me|how i should use|"
            "how should i use|how do i use this|what sort of things can you|what kind of things can you|"
            "what can you help|explain how|im new|i am new|im a new|new intern|new here"
        )
    ),
    "owner_me": (
        _zh(
            "本人名下 本人名下的 本人手上 本人的 "
            "我这摊 我这摊儿 我那摊 我那摊儿 我这块 我这块儿 我手底下 我手底下的 我手下 我手下的 "
            "我的 我和 我跟 我与 我手上 我手里 我手头 我负责的 我负责 我名下的 我名下 我管的 我管 我跟进的 我跟的 "
            "我自己 我自己的 我自己负责 我自己负责的 我自己手上 我本人 我这里 本人负责 本人负责的 "
            "我手上的 我手里的 我手头的 我对接的 我服务的 归我 我有 我这边的 我这边 我这儿 "
            "我带的 我带 我现在带 我目前带 我客户"  # 我客户 (里): "my clients" without 的
        )
        + _en(
            "my|mine|my own|i own|i manage|i handle|assigned to me|i am responsible for|im responsible for|"
            "im in charge of|am i in charge of|i am in charge of|i m in charge of|"
            "under me|i have|am i responsible for|i look after|do i look after|do i handle|"
            "am i personally responsible for|i am personally responsible for|im personally responsible for|"
            "do i manage|on my plate"
        )
    ),
    "tag_word": (
        _zh("标签 标签是 标签为 打了标签 带标签 标记 标签含")
        + _en("tagged|tag|tags|labelled|labeled|label|with tag|tagged as")
    ),
    "now": (
        _zh("目前 现在 当前 截至目前 截止目前 截至今天 截止今天 至今 到现在 迄今 如今 到目前为止 截止到目前 截至到目前 "
            "截止到现在 截至现在 截止现在 截止到今天 截至今日 截止今日 到今天为止 到今天")
        + _en("currently|now|right now|as of today|so far|to date|at the moment|at present|as of now|as it stands")
    ),
    "action": (
        _zh(
            "标记为 标为 设为 设置为 改为 改成 修改 删除 删掉 更新 添加 创建 录入 记一笔 记录一下 催一下 催促 去催 "
            "提醒一下 提醒客户 发提醒 通知 已续约 处理完成 已完成 完成了"
        )
        + _en("mark as|mark|set to|change|update|delete|remove|add|create|record|log|chase|remind|notify|renewed")
    ),
    "breakdown": (
        _zh("各 各个 每个 每位 每家 按 按照 分别 各自 分布 分组 分组统计 细分 逐个 各地区 各行业 各员工 不同 不同的 "
            "分段 分档")
        + _en("each|per|breakdown|break down|by region|by industry|by staff|grouped|group by|distribution|"
              "spread across|split across|distributed across")
    ),
    "all_statuses": (
        _zh("所有状态 全部状态 包括流失 包含流失 含流失 包括已流失")
        + _en("including churned|all statuses|including former|any status")
    ),
}

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "tier.vip": _zh("重点客户 大客户 核心客户 贵宾") + _en("vip|vips|key account|key accounts|key clients"),
    "tier.high_risk": _zh("高风险 高危 有风险 风险高") + _en("high risk|risky"),
    "tier.normal": _zh("普通 一般客户 常规") + _en("normal|regular|ordinary|standard"),
    "taxpayer.small": (
        _zh("小规模 小规模纳税人 小规模纳税")
        + _en("small scale|small scale taxpayer|small scale taxpayers|small taxpayer|small taxpayers")
    ),
    "taxpayer.general": (
        _zh("一般纳税人 一般纳税 一般人")
        + _en("general taxpayer|general taxpayers|general vat taxpayer|general vat taxpayers")
    ),
    "status.churned": (
        _zh("已流失 流失 流失的 已解约 解约 不合作了 停止合作 终止合作 前客户")
        + _en("churned|churn|lost|former|ex clients|inactive|departed")
    ),
    "status.prospect": (
        _zh("潜在 潜在客户 意向 意向客户 准客户 待签约 潜客")
        + _en("prospect|prospects|prospective|potential|leads|lead|pipeline")
    ),
    "status.active": _zh("服务中 在服务 合作中 在合作 现有 正常服务 活跃") + _en("active|current|existing|live"),
    "service.bookkeeping": _zh("代理记账 代账 记账 做账") + _en("bookkeeping|book keeping|accounting"),
    "service.tax_filing": _zh("税务申报 纳税申报 报税服务 报税") + _en("tax filing|tax filing service"),
    "service.audit": _zh("审计") + _en("audit|auditing|audits"),
    "service.registration": (
        _zh("工商注册 注册 工商 公司注册")
        + _en("registration|company registration|incorporation")
    ),
    "service.consulting": (
        _zh("财务咨询 咨询服务")
        + _en("consulting service|consulting services|advisory|financial consulting|consulting")
    ),
    "service.tax_planning": _zh("税务筹划 税收筹划 筹划 节税") + _en("tax planning"),
    "tax.增值税": _zh("报增值税 交增值税 缴增值税 增值税") + _en("vat|value added tax"),
    "tax.企业所得税": (
        _zh("报企业所得税 企业所得税 企业所得税季度预缴 所得税季度预缴 所得税预缴 季度预缴")
        + _en("cit|corporate income tax|enterprise income tax")
    ),
    "tax.个人所得税": (
        _zh("报个税 报个人所得税 个人所得税 个税 个人所得税代扣代缴 代扣代缴")
        + _en("iit|individual income tax|personal income tax")
    ),
    "tax.附加税": _zh("报附加税 附加税") + _en("surtax|surtaxes|additional tax|surcharge|surcharges"),
    "tax.印花税": _zh("报印花税 印花税") + _en("stamp duty|stamp tax"),
}

# Synonyms of the firm's own industries / regions / tags: used only when the firm has that canonical value.
INDUSTRY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "电商": _zh("电子商务") + _en("e commerce|ecommerce|online retail|e com|ecom"),
    "医疗": _zh("医疗器械 医药") + _en("medical|healthcare|health care|medical devices"),
    "贸易": _zh("商贸 进出口") + _en("trading|trade|traders"),
    "建筑": _zh("建筑工程 建工 工程") + _en("construction|building|engineering"),
    "文化传媒": _zh("传媒 文化 媒体 广告") + _en("media|culture|advertising"),
    "餐饮": _zh("餐饮管理 饭店 餐厅 餐馆 饭馆 酒楼")
    + _en("restaurant|restaurants|catering|food|f&b|f & b|food and beverage|food & beverage"),
    "教育": _zh("教育科技 培训") + _en("education|training|edtech"),
    "物流": _zh("运输 快递 货运") + _en("logistics|shipping|transport|freight"),
    "制造": _zh("机械制造 机械 工厂 制造业") + _en("manufacturing|manufacturer|manufacturers|factory|factories"),
    "咨询": _zh("企业管理咨询 管理咨询") + _en("consultancy|consulting firms|consulting companies|consulting"),
    "科技": _zh("技术 互联网 软件 信息技术") + _en("tech|technology|software|internet"),
}
REGION_NAMES: dict[str, tuple[str, ...]] = {
    "北京": _zh("帝都") + _en("beijing|peking"),
    "上海": _zh("魔都 沪") + _en("shanghai"),
    "深圳": _zh("鹏城") + _en("shenzhen"),
    "广州": _zh("羊城 花城") + _en("guangzhou|canton"),
    "成都": _zh("蓉城"),
    "杭州": _zh("杭城"),
    "苏州": _zh("姑苏"),
    "香港": _en("hong kong|hongkong"),
    "西安": _en("xian|xi an"),
}
TAG_SYNONYMS: dict[str, tuple[str, ...]] = {
    "跨境电商": _en("cross border e commerce|cross border ecommerce|cross border e com|cross border ecom|cross border"),
    "高新技术": _zh("高新 高新企业 高新技术企业") + _en("high tech|hi tech|high and new tech"),
    "出口退税": _en("export tax rebate|export rebate|export rebates"),
    "上市辅导": _en("ipo|pre ipo|ipo counseling|ipo coaching"),
    "连锁": _en("chain|chains|chain stores"),
    "初创": _zh("创业") + _en("startup|startups|start up"),
    "外贸": _en("foreign trade"),
    "个体户转企": _zh("个转企"),
}

FILLERS = (
    _zh(
        "能不能 可不可以 要不要 会不会 能否帮我 过 过的 很久 好久 长期 一直 即将 快 马上 近期 最近的 曾经 已经 "
        "还是 仍然 仍 尚 的 地 得 了 吗 呢 吧 啊 呀 嘛 么 哦 哈 请 请问 麻烦 帮我 帮忙 给我 替我 我想 我想知道 "
        "烦请 烦 劳驾 协助 请协助 请予 予以 为盼 者 带来 告知 烦请告知 列示 请予列示 编制 出具 截至 累计 排列 "
        "想知道 想看 想了解 了解 告诉我 告诉 我要 需要 我们 咱们 我司 一下 下 查 查一下 查查 查询 搜索 找 "
        "找一下 找出 看 看看 看一下 看下 瞧瞧 有 有的 是 在 都 还 还有 也 就 又 再 一共 总共 共 个 家 位 名 些 "
        "那些 这些 这个 那个 该 此 每个 各 各个 统计 汇总 显示 展示 给出 和 与 及 以及 或 或者 中 里 里面 当中 "
        "其中 之中 哪 什么 啥 怎样 为 等于 属于 是否 有没有 是不是 能否 可以 能 会 要 应该 相关 对应 具体 最新 "
        "最近 被 把 让 那边 这边 这家 那家 这位 的话 一些 分别 各自 按 按照 排序 元 块 块钱 人民币 纳税人 行业 "
        "类 类型 多 地区 区域 一带 本地 那里 这里 那儿 这儿 哪些是 现在有 目前有 做 做的 叫 "
        "记账费 代账费 服务费 咨询费 年报费 审计费 代理记账费 "
        "来自 都来自 名字 名称 我 你 您 他 她 吗? 谢谢 好的 好 一个 这 那 公司的 们 之 于 以 从 对 向 税 哪天 哪一天 "
        "几号 "
        "什么时候 何时 多久 哪里 怎么 具体是 分别是 都是 有哪 一览 汇总一下 统计一下 看一看 给我看 帮我看看 "
        "帮我查 帮我查一下 帮忙查 请帮我 麻烦你 请问一下 发我 发给我 发我一下 发一下 给我发 花了 花费 花费了 耗费 "
        "投入了 表现 表现得 做得 干得 搞得 bot 机器人 小助手 助手 账房 为止 一共是 整体上 总体上 总的来说 大概 大约 "
        "问下 问一下 想问 想问下 想问一下 想请问 想请问一下 处于 状态 处于逾期状态 老师 但 但是 而 却 可是 不过 "
        "想确认 想确认一下 确认一下 想请您 想请你 调出 调取 调一下 完整 完整的 存在 等 搞 从事 老板 必须 还剩 剩下 剩 "
        "出一份 发一份 来一份 拉一份 做一份 弄一份 整一份 给一份 出个 出一下 来一下 拉出来 列出来 调出来 导出来 找出来 "
        "翻出来 拎出来 一份 报告 报表 分析表 表 一张 发我一份 给我一份 月度报表 月报 月度汇报 季度报表 年度报表 "
        "打扰了 打扰一下 打扰 非常感谢 非常感谢您 十分感谢 不好意思 如有请列出 如有的话 如果有的话 涨了还是跌了 "
        "涨还是跌 是涨是跌 涨了还是降了 出现 出现了 发生 发生了 "
        "嗯 嗯嗯 呃 唔 诶 欸 哎 噢 喔 然后 然后呢 顺便 顺便说 就是 就是说 那个啥 这个嘛 那批 这批 那一批 这一批 那帮 "
        "那摊 那摊儿 这摊 这摊儿 这块儿 那块儿 这块 那块 加一块儿 加一块 里头 里边 麻利儿的 麻利儿 麻溜儿的 麻溜儿 麻溜"
    )
    + _en(
        "kindly|please advise|advise|kindly provide|provide|"  # a memo's courtesy words
        "as|id like|i would like|would like|i want|i wanna|wanna|want to know|like to know|id|upcoming|coming|"
        "soon|recently|recent|ever|already|lately|long|a while|for a while|what|a|an|the|of|for|to|in|on|at|by|"
        "with|from|and|or|is|are|was|were|be|been|being|do|does|did|done|had|having|i|me|we|us|our|ours|you|"
        "your|they|them|their|it|its|this|that|these|those|there|here|how|please|pls|plz|can|could|would|will|"
        "shall|should|might|must|let|lets|tell|tell me|give|find|see|check|look|looking|any|some|every|each|'s|"
        "so|just|also|still|up|out|than|much|ones|one|kind|sort|etc|ok|okay|thanks|thank|thank you|whats|where|"
        "when|firm|got|right|into|per|via|like|need|needs|needed|want|wants|know|currently|whose|whom|then|yet|"
        "ever|anything|something|list of|name|names|rmb|yuan|cny|dollars|taxes|tax|taxpayer|taxpayers|type|"
        "industry|sector|region|city|area|status|based|located|sorted|order|ordered|weve|ive|expected|"
        "scheduled|going|data|report|across|among|overall|make|made|earn|earned|do we make|did we make|"
        "bot|assistant|roughly|approximately|plot|graph|visualize|visualise|compared|compared to|compared with|"
        "versus|vs|whole|entire"
    )
)
NEGATIONS = (
    _zh(
        "不是 不 非 除了 除 以外 之外 排除 不包括 不含 没有 无 未 没 别 不要 并非 "
        "不同意 不愿意 不愿 不想 不肯 不打算"  # not 不同 (各, a grouping) with a stray 意
    )
    + _en(
        "not|no|except|excluding|exclude|without|non|other than|never|isnt|arent|dont|doesnt|didnt|hasnt|"
        "havent|wasnt|werent|neither|nor|besides"
    )
)

@cache
def static_terms() -> dict[str, frozenset[str]]:
    """Every surface of the tables above → its tags (built once, on first use)."""
    from bot.understand.text import normalize

    terms: dict[str, set[str]] = {}

    def add(surface: str, tag: str) -> None:
        key = normalize(surface)
        if key:
            terms.setdefault(key, set()).add(tag)

    for name, surfaces in CUES.items():
        for surface in surfaces:
            add(surface, f"cue.{name}")
    for name, surfaces in ANALYTICS_CUES.items():
        for surface in surfaces:
            add(surface, f"cue.{name}")
    for tag, surfaces in ATTRIBUTES.items():
        for surface in surfaces:
            add(surface, tag)
    for surface in FILLERS:
        add(surface, "filler")
    for surface in NEGATIONS:
        add(surface, "neg")
    return {surface: frozenset(tags) for surface, tags in terms.items()}


def synonym_terms(industries: set[str], regions: set[str], tags: set[str]) -> dict[str, set[str]]:
    """Synonym surfaces → tags, restricted to the canonical values this firm actually has."""
    from bot.understand.text import normalize

    out: dict[str, set[str]] = {}
    for table, have, kind in ((INDUSTRY_SYNONYMS, industries, "industry"), (REGION_NAMES, regions, "region"),
                              (TAG_SYNONYMS, tags, "tag")):
        for canonical, surfaces in table.items():
            if canonical in have:
                for surface in surfaces:
                    out.setdefault(normalize(surface), set()).add(f"{kind}.{canonical}")
    return out
