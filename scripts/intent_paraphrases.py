# ruff: noqa: E501 — template data lines read best unbroken
"""More paraphrase templates per family, merged into `intent_corpus.TEMPLATES` (same syntax and slots).

Written from docs/questions.md and docs/semantics.md, not from any question set: the ways staff actually type
a family — colloquial and clipped (“哪些客户可能要跑了”), polite padding, English word order and mixed
(“churn风险客户”, “total AR 现在多少”), slang for the same state (拖期 = late, 打过来 = paid in), the family
asked about one colleague or “我自己”, and several values of one attribute with 各/占比 (a breakdown).
"""

from __future__ import annotations

Z, E = "zh", "en"
MORE: dict[str, list[tuple[str, str]]] = {
    "overdue_clients": [
        (Z, "[逾期|过期没付|超期未付|账期过了还没付]的[客户|公司][名单|清单|列表|][发我|给我|列给我|拉一下|导一下|]"),
        (Z, "[帮我|麻烦|]拉[一下|个|][逾期|欠款逾期]客户[名单|清单|列表]"), (Z, "[现在|目前|截至目前]还有[哪些|哪几家|谁]逾期[没付|没结|未付|]"),
        (Z, "[逾期|过期][的|][都|]是哪[些|几家]客户"), (Z, "[账期|付款期]过了[还|]没[付|打款|结]的[客户|公司|单位]"),
        (Z, "{S}[那边|手上|名下][有|]哪些[客户|]逾期[了|]"), (Z, "{R}[那边|地区|]的[客户|公司]谁逾期了"),
        (E, "[who's|whos|who is] overdue [right now|now|at the moment|]"), (E, "overdue [list|clients list|customers] [pls|please|]"),
        (E, "[show|give|send] me [the|] overdue [list|clients|accounts]"), (E, "[clients|customers] [that|who] [are|went] past due"),
        (Z, "overdue的[客户|公司][发我一下|列一下|有哪些]"),
    ],
    "overdue_total": [
        (Z, "[截至目前|到目前为止|现在|目前]逾期[款|金额|欠款][总数|总额|合计|一共][是多少|多少|有多少]"),
        (Z, "逾期[的|][钱|款|账款][加起来|一共|总共][有|是|]多少"), (Z, "[我的|我负责的|{S}的|{S}名下的]客户[一共|总共|]逾期[了|]多少钱"),
        (Z, "逾期[应收|账款|欠款][总额|余额|合计]"), (Z, "[全所|全公司|整体|总共]逾期[多少钱|金额多少|总额]"),
        (E, "total overdue [across|for|among] [my|all|{S}'s|our] clients"), (E, "[overdue|past due] [total|amount] [across the firm|overall|for my clients|]"),
        (E, "how much [is|do we have] [overdue|past due] [in total|overall|across clients|]"), (E, "sum [of|up] [the|] overdue [balances|amounts|invoices]"),
        (Z, "total overdue [是多少|多少钱|现在多少]"),
        (Z, "[过了到期日|到期了|过了账期][还|]没[收回来|收到|到账|回来]的[钱|款|账款][一共|总共|加起来|][有|是|]多少"),
        (Z, "[vip|{S}的|我的|{R}]客户 overdue[多少|金额多少|一共多少]"), (E, "how much is [overdue|past due] [on|for|across] [my|all|vip|{S}'s] clients"),
    ],
    "overdue_count": [
        (Z, "[现在|目前|]逾期的[有|]几家[了|]"), (Z, "逾期客户[数|个数|家数|总数][是多少|多少|]"), (Z, "[我的|{S}的|{R}的|{I}的|vip]客户[里|中][有|]几[家|个]逾期"),
        (E, "[number|count|#] of [clients|customers|accounts] [overdue|past due|that are overdue]"), (E, "how many [are|accounts are] overdue"),
    ],
    "receivable_balance": [
        (Z, "total ar [现在|目前|]多少"), (Z, "ar[总额|余额|一共|合计][多少|是多少|]"), (Z, "[应收|应收账款][总共|一共|合计|加起来][还有|有|]多少"),
        (Z, "[外面|客户那边|市场上]还[挂着|欠着|压着]多少[钱|款|应收]"), (Z, "[外面|外头|客户][的|]欠款[总共|一共|合计|加起来][多少|有多少|是多少]"), (Z, "[我们|咱们|公司]还有多少[钱|款][没收|没收回来|在外面]"),
        (Z, "[我的|{S}的|我负责的]客户[一共|总共|还|]欠[我们|]多少[钱|]"), (Z, "{C}[现在|目前|]还[欠|欠着|欠我们][多少钱|多少|多少款]"),
        (E, "total [ar|receivables|accounts receivable] [now|right now|today|]"), (E, "[what's|whats|what is] [our|the] [ar|receivables] [balance|total|figure|]"),
        (E, "how much [money|] is [still|] [outstanding|owed to us|unpaid]"), (E, "[ar|receivables|outstanding] [as of today|right now|at the moment]"),
    ],
    "top_debtors": [
        (Z, "欠[我们|]钱最多的[是|]哪[几家|些|家][客户|公司|]"), (Z, "[欠款|应收][最多|最大|最高]的[客户|公司][排一下|排个序|是谁|]"),
        (Z, "[谁|哪些客户]还欠着[钱|款|我们钱][没还|没给|]"), (E, "[biggest|largest|top] [debtors|balances owed] [list|]"), (E, "who owes [us|] [money|the most|anything]"),
    ],
    "invoices_due_soon": [
        (Z, "[这周|下周|最近几天|这几天|{F}][有|]哪些[应收|款|账单|发票][要|快|]到期"), (Z, "[马上|快|即将]要[收|到期]的[款|应收|账款][有哪些|列一下|]"),
        (E, "[invoices|receivables|payments] [coming|falling] due [this week|next week|soon|{F}]"), (E, "what [is|'s] due [this week|next week|soon]"),
    ],
    "collected": [
        (Z, "{P}[回款|收款|到账][总共|一共|合计|加起来][多少|有多少|是多少]"), (Z, "{P}[钱|款][回来|收回来|到账][了|][多少|几多|多少钱]"),
        (Z, "{P}[的|]回款[怎么样|情况如何|多少|咋样]"), (Z, "{P}[我们|所里|公司]收[到|了][客户|][多少|多少钱|多少款]"),
        (E, "[total|how much] [collected|received|collections] {P}"), (E, "{P} [collected|received] [total|amount|]"),
        (Z, "{P}客户[打过来|转过来|汇过来|付过来|打进来][了|][多少钱|多少|多少款]"), (Z, "{P}[一共|总共|]回[了|来了|][多少|多少钱|多少款]"),
        (Z, "[到目前为止|截至目前|截至今天]{P}[一共|]回[了|]多少[钱|款|]"), (Z, "[我的|我负责的|{S}的|{S}负责的]客户{P}[一共|总共|]回[了|]多少[钱|款|]"),
        (Z, "{P}[到账|进账|入账|收到的钱][一共|总共|]多少"), (Z, "{P}[收钱|收款|回款]收了多少"), (Z, "{P}[客户|大家]付了[我们|]多少[钱|]"),
        (E, "how much [cash|money] came in {P}"), (E, "[cash|money] [received|collected|in] {P} [total|]"), (E, "{P} [cash in|receipts|money in]"),
        (E, "what did we [collect|bring in|receive] {P}"), (Z, "{P}回款[total|多少|金额]"),
    ],
    "invoiced": [
        (Z, "{P}[开票|开出去的票|开的发票][金额|总额|][合计|一共|总共|加起来][多少|是多少|]"), (Z, "{P}[一共|总共]开[了|出了]多少[票|钱的票|发票]"),
        (Z, "{P}[营收|收入|营业额|开票收入][合计|总共|一共][多少|是多少]"), (Z, "{P}的[收入|营收|营业额|开票][是多少|有多少|多少钱|多少|一共多少]"), (E, "[total|how much] [invoiced|billed|billing] {P}"), (E, "what did we [bill|invoice] {P}"),
    ],
    "collection_rate": [
        (Z, "{P}[的|][回款|收款][率|比例|比率][多少|是多少|怎么样|高吗]"), (E, "{P} [collection|collections] [rate|ratio|%]"),
        (Z, "{P}[回款率|收款率|回收率][有多少|是多少|怎么样|高不高|咋样]"), (Z, "{P}[款|钱]收回来[多少比例|百分之几|几成]"),
        (E, "what [share|percentage|%] of {P} invoices [got paid|was collected]"), (E, "{P} [collection %|collection rate]"),
    ],
    "signed": [
        (Z, "{P}[签约|签单|签合同][金额|总额|额][一共|合计|是|][多少|多少钱]"), (E, "[total|how much] [signed|contract value|bookings] {P}"),
        (Z, "{P}[签了|签下|新签][多少钱|多少金额][的合同|的单子|]"), (Z, "{P}[合同|新合同|签约][金额|额|总额][合计|一共|是多少|多少]"),
        (E, "{P} [signings|bookings|new contract value]"), (E, "how much [business|new business] did we sign {P}"),
    ],
    "contracts_expiring": [
        (Z, "{F}[有|]哪些[合同|协议|服务合同][要|快|]到期[了|]"), (Z, "[快|马上|要]到期[要续|待续约|需要续签]的[合同|客户]"),
        (E, "[which|what] contracts [are|] [coming up for renewal|expiring|ending] {F}"), (E, "upcoming [renewals|contract expiries|expirations]"),
    ],
    "documents_missing": [
        (Z, "{P}[的|][账务资料|财务资料|记账资料|资料|票据|银行流水][谁|哪些客户|哪家][还|]没[给|交|发|提交][我们|过来|]"),
        (Z, "[交资料|交材料|提交资料][拖期|拖延|拖拖拉拉|晚了|超时|迟了]的[客户|公司]"), (Z, "[资料|材料|单据][拖期|拖着不交|迟迟不交|一直不交]的[客户|有哪些]"),
        (Z, "[还|]差[资料|票|单据|流水]没交的[客户|公司|有哪些]"), (Z, "[谁家|哪些客户|哪几家]{P}[的|][资料|票][还没到|还没齐|没交全|不全]"),
        (E, "[who|which clients] [still|] [owe us|haven't sent|havent sent|didnt send] [docs|documents|paperwork|statements] {P}"),
        (E, "[docs|documents|paperwork] [still|] [missing|outstanding|pending] {P}"), (E, "[late|overdue] [docs|paperwork|documents] [clients|list|]"),
        # whether one client's documents are all in: a question (吗/没/是否, has/did/are …), answered by its missing list
        (Z, "{C}{P}[的|][资料|材料|票据|单据|银行流水|工资表|账务资料][交齐了吗|齐了吗|都齐了吗|收齐了吗|到齐了吗|交全了吗|都交了吗|给齐了吗|齐了么|都到了吗]"),
        (Z, "{C}{P}[的|][资料|材料|票据][是否|是不是|有没有][已经|都|][交齐|收齐|齐全|交全|到齐][了|]"),
        (E, "[has|did] {C} [sent|send|submitted|submit|handed in|hand in|sent in] [everything|all their documents|all the docs|all their paperwork|all of it] [for {P}|{P}|]"),
        (E, "[are|is] {C}'s [documents|docs|paperwork|statements] [complete|all in|in] [for {P}|{P}|]"),
        (E, "[do we have|did we get|have we received|have we got] [all|everything] [the|] [documents|docs|paperwork|] from {C} [for {P}|{P}|]"),
    ],
    "client_profile": [
        (Z, "{C}[360|360视图|全景|全景视图|画像|客户画像|概况|基本情况|全貌]"), (Z, "[看下|查下|调出|打开|拉一下]{C}[的|][档案|资料卡|客户卡片|360视图|情况]"),
        (Z, "{C}[这家|这个客户][啥情况|什么情况|现在怎么样|最近怎么样]"), (E, "{C} [360|360 view|overview|snapshot|at a glance]"),
        (E, "[pull up|open|show me] {C} [profile|card|details|]"), (E, "[what's|whats] [up with|going on with|the story with] {C}"),
    ],
    "top_clients_by_revenue": [
        (Z, "[客户|所有客户]按[营收|收入|营业额][从高到低|从大到小|由高到低|降序][排|排一下|排个序|排序|列一下]"), (Z, "[哪家|哪个|哪些]客户[营收|收入|贡献][最高|最多|最大]"),
        (Z, "[营收|收入|开票][最多|最高]的[是|]哪[几家|些|家][客户|公司]"), (Z, "[谁|哪家]给[我们|所里|公司]带来的[收入|营收|业务][最多|最大]"),
        (E, "which [client|clients|customer|customers] [brings|bring|brought] in the most [revenue|money|income]"), (E, "[rank|sort] [clients|customers] by revenue"),
        (E, "[who are|which are] our [biggest|largest|top] clients [by revenue|]"), (E, "[clients|customers] [sorted|ranked|ordered] by [revenue|billing|sales] [desc|descending|]"),
        (E, "our [top|biggest] [earners|revenue clients]"),
    ],
    "top_clients_by_profit": [
        (Z, "[哪些|哪家|哪几家]客户最[赚钱|挣钱|有利润][排个序|排一下|排排|]"), (Z, "客户按[利润|毛利|盈利][从高到低|从低到高|降序|升序|][排|排一下|排个序|排序]"),
        (Z, "[在哪些|哪些]客户身上[赚得|赚的|挣得][最多|最少]"), (Z, "[最|不]赚钱的[客户|几家客户|那几家][是哪些|有哪些|]"),
        (Z, "[最不赚钱|最不挣钱|利润最低|最亏]的{N}[家|个|家客户|个客户]"),
        (E, "[which|what] clients [make us|earn us|bring us] the most [profit|money]"), (E, "[rank|sort] clients by profit"), (E, "[where|on which clients] do we make the most [profit|money]"),
    ],
    "top_clients_by_margin": [
        (Z, "客户按[毛利率|利润率][从高到低|从低到高|][排|排一下|排个序]"), (Z, "[毛利率|利润率][最好|最差|最高|最低]的[客户|是哪几家]"),
        (E, "[rank|sort] clients by margin"), (E, "[best|worst] margin [clients|customers|accounts]"),
    ],
    "clients_by_attribute": [
        (Z, "[打了|带|打上了|贴了|有]{T}[标签|tag|标记]的[客户|公司][有哪些|名单|列表|]"), (Z, "标签[是|为|带|含]{T}的[客户|公司][有哪些|名单|都有谁|]"),
        (Z, "{T}[类|类型|那类|这类][的|]客户[有哪些|名单|都有谁|]"), (Z, "[我们|所里|]{R}[那边|这边|地区]的客户[都有谁|有哪些|名单]"),
        (Z, "{S}[手上|名下|负责][的|]客户[都有哪些|有哪些|名单|列表]"), (Z, "[我自己|我本人|我]负责的客户[名单|有哪些|列表|都有谁]"),
        (E, "[high risk|high-risk|risky|vip|key|normal|regular] [clients|customers|accounts] [list|]"), (Z, "[高风险|高危|vip|重点|普通][的|]客户[是哪些|有哪些|名单|列表|]"),
        (E, "[clients|customers] [tagged|labelled|with the tag] {T}"), (E, "[show|list] [clients|customers] in {R}"), (E, "{I} [clients|companies] [list|]"),
    ],
    "client_count": [
        (Z, "{T}[的|类|那类|标签的|][客户|公司][有几家|有多少家|有多少个|多少家|几家|数量]"), (Z, "[打了|带]{T}标签的客户[有几家|有多少|数量]"),
        (Z, "{R}[那边|地区|]的客户[有几家|有多少|多少家|数量]"), (Z, "{I}[行业|类|]的客户[有几家|多少家|有多少个]"),
        (Z, "[我们|所里|公司|咱们][现在|目前|]服务[着|]多少[家|个]客户"), (Z, "[总共|一共|现在]有多少[家|个|]在服务的客户"),
        (E, "how many {T} clients [do we have|are there|]"), (E, "[number|count] of [clients|customers] in {R}"), (E, "how many clients [in total|do we serve|are we serving]"),
    ],
    "clients_by_credit_rating": [
        (Z, "[回款|]信用[是|为|评级为|等级是]{G}[级|][的|]客户[有哪些|名单|都有谁|]"), (E, "[which|what] clients are rated {G}"), (E, "clients [graded|rated] {G} [on credit|]"),
    ],
    "clients_not_contacted": [
        (Z, "[超过|]{N}天[以上|][都|]没[follow up|跟|联系|联络|沟通|回访][过|][的|]客户"), (Z, "[好久|很久|一直|长期]没[follow up|跟|联系|联络|沟通][过|]的客户[有哪些|]"),
        (Z, "[哪些|哪几家]客户[好久|很久|一直|{N}天][没人|都没][跟|联系|管|follow up][了|过]"), (Z, "[最近|近期]没[有|][联系|沟通|跟进][过|]的[客户|公司]"),
        (E, "clients [nobody has|no one has|we haven't|we havent] [followed up with|called|talked to] in {N} days"), (E, "[clients|customers] [without|with no] [contact|follow up|follow-up] [in|for] {N} days"),
        (E, "[who|which clients] [have we|has nobody] not [followed up with|called|touched] [lately|recently|in a while]"),
    ],
    "negative_feedback": [
        (Z, "[给过|打过|给了|打了|留过][低分|差评|一星|负面评价][的|]客户[有哪些|名单|]"),
        (Z, "{P}[谁|哪些客户|哪家][投诉|吐槽|抱怨|给差评|不满意][了|过][我们|]"), (Z, "{P}[客户|][差评|投诉|负面反馈][有哪些|名单|情况|记录]"),
        (E, "[who|which clients] [complained|left bad feedback|were unhappy|gave us low scores] {P}"), (E, "{P} [complaints|bad feedback|negative reviews] [list|]"),
    ],
    "staff_client_count": [
        (Z, "[您好|请问|麻烦问下|][，|]{S}[老师|姐|哥|][目前|现在|]负责的客户[一共|总共|]有[几家|几个|多少家]"), (Z, "{S}[手上|手里|名下][几家|几个|多少家]"),
        (Z, "{S}[手上|手里|手头|名下|那边][有|管着|带着|跟着][几个|几家|多少个|多少家][客户|公司|]"), (Z, "{S}[一共|现在|目前|]负责[几家|几个|多少家|多少个][客户|]"),
        (Z, "[我自己|我本人|我][负责|手上有|手上|名下有|管着|带着][几个|几家|多少个|多少家|多少][客户|家|个|]"), (Z, "[我自己|我本人|我][现在|目前|][一共|]管[几家|多少家|多少个][客户|]"),
        (E, "how many [clients|accounts|customers] [does|has] {S} [got|have|handle|look after|]"), (E, "{S}'s [client count|number of clients]"),
        (E, "how many [clients|accounts] [am i|i am] [handling|responsible for|looking after]"), (E, "how many clients [do i|i] [personally|] [own|have|look after|manage]"),
    ],
    "staff_ranking": [
        (Z, "[回款|收款|开票|收入|营收]谁[第一|排第一|拿第一|最牛|最厉害]"), (Z, "谁[回款|收款|开票][排|是|][第一|第一名]"),
        (Z, "[哪个|哪位][员工|会计|同事][带来|贡献|创造][的|]收入最多"), (Z, "谁[带来|贡献|拉来][的|]营收最多"), (Z, "[员工|会计|同事][里|中|当中][谁|哪个]回款最[多|好]"),
        (E, "which [staff|staff member|accountant|employee] [brings|brought] in the most [revenue|money|cash]"), (E, "[who|which accountant] [has|manages|handles] the most clients"),
        (E, "[staff|team] [ranked|sorted] by [revenue|collections|clients]"), (E, "[top|best] [performer|accountant|staff member] by [revenue|collections]"),
    ],
    "tax_deadline": [
        (Z, "{P}[的|][征期|申报期|报税期|纳税期限][到|截止到|是到][几号|哪天|什么时候]"), (Z, "[报税|申报|纳税|交税][截止日|截止日期|最后期限|期限][是|在][几号|哪天|什么时候]"),
        (Z, "{P}[要|得|需要]在几号[前|之前|以前][报完|申报|报税|交税]"), (Z, "[增值税|个税|附加税|企业所得税|印花税]{P}[几号|哪天|什么时候][截止|到期|要报]"),
        (Z, "{P}[报税|申报][截止|最后期限|deadline][是|][几号|哪天|啥时候|什么时候|多少号]"), (Z, "[下个月|这个月|{P}][的|][报税|申报][日子|时间|期限]"),
        (E, "[filing|tax|vat] deadline {P}"), (E, "when [are|is] [taxes|vat|returns|the return] due {P}"), (E, "[by when|until when] do we [file|need to file] {P}"),
        (E, "[last day|final day|cutoff] [for|to] [filing|file|tax filing] {P}"),
        (Z, "{P}[报税|申报|纳税|征期][最后期限|截止|截止日|截止日期|到哪天|到几号][是|是几号|是哪天|几号|哪天|]"), (Z, "[12月|下个月|这个月|本月|11月][的|][报税|申报|征期][截止|最后期限|最后一天|截止日][是|]几号"),
        (Z, "[这个月|下个月|本月|12月]几号[之前|前|以前][要|得|必须]报[税|完]"), (E, "[last day|deadline] to file [taxes|vat|] [this month|next month|in december|]"),
        (E, "when [is|'s|does] [the|] [tax|filing|vat] [deadline|period end] [this month|in december|next month|]"),
    ],
    "tax_filers": [
        (Z, "{P}[要|得|需要][报|申报|交][增值税|个税|企业所得税|税][的|]客户[有哪些|有几家|名单|多少家]"), (Z, "[哪些|多少]客户{P}[要|需要][报税|申报]"),
        (E, "[which|how many] clients [have to|need to|must] file {P}"),
        (Z, "{P}[要|需要|得][报|申报][增值税|个税|税][的|]客户[有哪些|有几家|名单]"), (E, "[clients|who] [to|that need to] file [vat|taxes] {P}"),
    ],
    "aging": [
        (Z, "[应收|欠款|逾期][账龄|帐龄][分析|分布|结构|情况|表|看一下|怎么样]"), (Z, "逾期[按|][30|60|90][天|][分段|分档|分一下|分布]"),
        (E, "[ar|receivables|overdue] aging [report|buckets|breakdown|]"), (E, "how old [are|is] [our|the] [receivables|overdue invoices|debts]"),
    ],
    "help": [
        (Z, "[您好|你好|hi|][，|][我是新来的|我刚来|新人报到|][，|]想[请|][问一下|问问|了解一下]可以[向您|向你|问您|问你|][咨询|问]哪些[方面的|][问题|事情]"),
        (Z, "[请问|想问下|麻烦问下]你[都|]能[解答|回答|帮忙回答][哪些|什么][方面的|][问题|事]"),
        (Z, "[你|你都|你到底][会|能|可以][干|做|回答][些|][啥|什么|哪些][呀|呢|]"), (Z, "[这个|这|]bot[怎么用|能干啥|能做什么|有什么用|怎么玩]"),
        (Z, "[我|]能[问|查][你|]些?[啥|什么|哪些][问题|东西|]"), (Z, "[你|小助手|机器人][都有|有][哪些|什么|啥][功能|本事|用处]"),
        (Z, "[怎么|如何]用[你|这个|这个机器人|这个助手]"), (Z, "[使用说明|帮助|说明书|教程|用法][给我|发我|看看|]"),
        (E, "what [can|do] you [do|know|help with|answer]"), (E, "how [do i|does one|to] use [this|this bot|you]"), (E, "what [questions|things|stuff] can i ask [you|]"),
        (E, "[show|list] [me|] [the|] [commands|features|options]"),
    ],
    "breakdown": [
        (Z, "[vip|普通|高风险][、|和|与|跟][vip|普通|高风险][、|和|][vip|普通|高风险|][客户|][各有|分别有|各][多少|几家|多少家][客户|家|]"),
        (Z, "[一般纳税人|小规模][和|跟|与|、][小规模|一般纳税人][客户|][各占|分别占|占][多少|多少比例|百分之几|几成|比例]"),
        (Z, "[每个人|每个员工|每位会计|大家|各人]{P}[花了|用了|投入了|做了|记了][多少|几个][工时|小时]"), (Z, "{P}[工时|服务工时|小时数]按[人|员工|负责人|会计][统计|汇总|分]"),
        (Z, "[各|每个]{D}[分别|各自|][有|是|占][多少|几家|多少比例]"), (Z, "{M}[在|]{D}[之间|里|上][怎么|如何]分布"), (Z, "{D}[维度|口径]的{M}[分布|占比|情况]"),
        (E, "how [many|much] {M} [does each|per|for each] {D}"), (E, "{M} [split|broken down] by {D}"), (E, "hours [logged|spent] [by each person|per person|by staff] {P}"),
        (E, "[share|percentage|%] of [clients|revenue] [by|per] {D}"),
    ],
    "trend": [
        (Z, "{M}[近半年|今年以来|一年来|这一年][的|][走势|变化|趋势|曲线]"), (Z, "[按月|逐月|每个月][看|拉|列][一下|]{M}"),
        (E, "{M} [month by month|over the months|over the year|trend line]"), (E, "show [me|] [the|] {M} trend"),
    ],
    "summary": [
        (Z, "{P}[的|][经营|运营|业务][情况|概况|数据|报告|分析|简报|汇总][怎么样|如何|发我|看下|]"), (Z, "{P}[整体|总体|全所|公司][情况|概况|表现|业绩][怎么样|如何|咋样|看一下|]"),
        (Z, "[看看|看下|汇报下|总结下]{P}[的|][整体|经营|总体][情况|数据|表现]"), (E, "{P} [summary|overview|recap|report card] [for the firm|overall|]"),
        (Z, "{P}[所里|公司|咱们|我们|全所|整体|总的][经营|业绩|生意|情况][怎么样|如何|咋样|好不好]"), (Z, "{P}[整体|总体|全所|公司][数据|情况|表现][看一下|怎么样|汇报一下|总结一下]"),
        (Z, "[给我|来|出]个{P}[的|][总结|小结|概览|汇总|简报]"), (Z, "{P}[经营|业务]上[怎么样|如何|表现如何]"),
        (Z, "{P}[做得|干得|表现得|搞得|弄得][怎么样|如何|咋样|还行吗]"), (Z, "{P}[生意|业务|收入|数据][咋样|怎么样|如何]"),
        (E, "how['d|d| did] [the firm|we|the company|the business] do [overall|] {P}"), (E, "[how's|hows|how is] [the firm|business|the business] [doing|going] {P}"),
        (E, "[overall|firm|company] [performance|numbers|results] {P}"), (E, "{P} [at a glance|in numbers|recap|wrap up|highlights]"),
    ],
    "staff_board": [
        (Z, "[员工|团队|会计|人员|个人][kpi|KPI][表|看板|汇总|情况|一览|]"), (Z, "{P}[每个人|各人|员工|大家][的|][kpi|绩效|考核|工作量|业绩][表|情况|看板|汇总|]"),
        (Z, "[员工|团队|同事|会计][表现|考核|绩效][表|看板|一览|排行|]"), (Z, "[大家|每个人|各位会计]{P}[干得|做得|表现][怎么样|如何|咋样|好不好]"),
        (E, "[staff|employee|team] [kpi|kpis] [table|board|sheet|report|]"), (E, "[how's|hows|how is] [everyone|each accountant|the team] [doing|performing] {P}"),
        (E, "[kpis|metrics|numbers] [per|by|for each] [person|staff member|accountant|employee] {P}"),
    ],
    "new_clients": [
        (Z, "{P}[新|新签|新增|新开|新进][了|][几个|几家|多少个|多少家|多少][客户|公司|企业|户]"), (Z, "{P}[多了|增加了|加了|来了][几个|几家|多少][新|][客户|公司]"),
        (Z, "{P}[新签约|新签|新增|新开发|新接][的|]客户[数|数量|名单|列表|有哪些|都有谁|是哪几家]"), (Z, "[最近|近期|{P}][签约|签下|接手|接进来][的|]新客户[有哪些|是哪些|名单|]"),
        (Z, "{P}[谈成|成交|签成][了|][几|多少][单|家|个客户]"), (Z, "新客户{P}[有几个|多少家|来了多少|情况]"),
        (E, "[new|newly signed|newly onboarded] [clients|customers|accounts] {P} [count|list|]"), (E, "how many [new|] [clients|customers] [came in|signed up|joined|were added] {P}"),
        (E, "{P} new [client|customer] [count|list|signups|wins]"), (E, "did we [sign|win|get] any new clients {P}"),
        (Z, "{P}[来了|进来了|签进来|拿下了|谈下了][几个|几家|多少|多少家][新|][客户|单子]"), (Z, "{P}[新客户|新签的客户|新增的客户][有几个|多少|名单|是哪些]"),
        (E, "[how many|which] clients [came on board|joined|did we onboard|did we land] {P}"), (E, "[clients|customers] [we won|we landed|added] {P}"),
    ],
    "clients_by_health": [
        (Z, "[客户|]健康[度|分][从低到高|从高到低|最低|最差][排|排一下|排个序|的]"), (Z, "[最不健康|状况最差|健康度最低|健康分最低]的[那|]几[个|家][客户|]"),
        (E, "clients [ranked|sorted] by health [score|] [lowest first|worst first|]"), (E, "[unhealthiest|least healthy|worst health] clients"),
    ],
    "clients_at_risk": [
        (Z, "[可能|快|会|有可能][要|]丢[掉|]的客户"), (Z, "风险客户[有哪些|名单|列一下|都有谁|]"), (Z, "[哪些|哪几家]客户[可能|快|]要丢了"),
        (Z, "[哪些|哪几家|哪个|有哪些]客户[可能|快|快要|估计|感觉|好像][要|会|][跑了|走了|流失|不续了|不干了|流失了]"),
        (Z, "流失风险[高|大|较高|比较大|很高][的|]客户[有哪些|名单|都有谁|]"), (Z, "[有|]流失[风险|可能|迹象|苗头][的|]客户[名单|有哪些|列一下|]"),
        (Z, "churn[风险|risk|风险高|风险大][的|][客户|名单|clients]"), (Z, "[可能|要|快要|估计]流失的[客户|公司|单位][名单|有哪些|]"),
        (Z, "[容易|可能会|有可能]流失的[客户|公司]"), (Z, "[流失|预警|风险]预警[客户|名单|的客户]"),
        (E, "at[-| ]risk [clients|customers|accounts] [list|]"), (E, "[which|what] clients [are|look] at risk [of churning|of leaving|]"),
        (E, "[clients|customers] [likely|about|at risk] to [churn|leave|walk]"), (E, "[churn|flight] risk [clients|list|accounts]"), (E, "who [might|could|is about to] [leave|walk|churn] [us|]"),
    ],
    "client_segments": [
        (Z, "[客户|]按[价值|价值和忠诚度|价值忠诚][分|分层|分个层|分群][一下|]"), (E, "[value|loyalty] segmentation of [clients|our clients]"),
        (Z, "按价值和忠诚度给客户分[个层|层|一下层|个群]"), (Z, "[哪些|][价值|价值高|价值低][、|，|和|][忠诚度|忠诚][也|都|][高|低|不高]的客户[有哪些|]"),
        (Z, "[您好|请问|][，|][哪些客户是|]高价值但[是|][忠诚度|忠诚][不高|低|一般][的|]"), (Z, "[忠诚度高|忠诚度低|很忠诚]但[是|][价值低|价值高|价值不高]的客户"),
    ],
    "client_metric": [
        (Z, "[在|]{C}[身上|这家|那里][赚了|挣了|能赚][多少|多少钱]"), (Z, "{C}[给我们|]贡献[了|的][多少|多少利润|多少收入]"), (Z, "{C}[的|][利润|毛利|赚头][有多少|多少|怎么样]"),
        (E, "how much [profit|money] do we [make|earn] [on|from] {C}"), (E, "[what's|whats|what is] our [profit|margin] [on|from|with] {C}"), (E, "{C} [profit|margin|revenue] [this year|so far|]"),
    ],
    "action": [
        (Z, "{C}[的|]{P}[资料|材料|票据][已经|都|][交齐了|收齐了|交了|提交了]"), (Z, "[帮我|]给{C}[打|贴|加][个|一个|上][vip|{T}|重点][标签|tag]"),
        (Z, "把{C}[的|][负责人|会计][换成|改成|转给]{S}"), (Z, "[登记|记录][一下|]{C}[今天|昨天][打来|转来|付了]{N}[元|万|块]"),
        (E, "[tag|label] {C} as [vip|{T}]"), (E, "{C} [sent|submitted] [all|] [their|the] [docs|documents] [for|] {P}"),
    ],
    "chitchat": [
        (Z, "[哈哈|嘿嘿|好的好的|辛苦啦|牛|不错|可以的|ok的|好滴|收到收到|谢啦|感谢]"), (E, "[nice|great|awesome|perfect|got it|cheers|np|no worries|cool thanks]"),
    ],
    "out_of_scope": [
        (Z, "[帮我|]算一下[个税|社保|公积金][怎么算|多少]"), (Z, "[今天|明天][吃啥|穿什么|去哪玩]"), (Z, "[什么是|解释一下][应收账款|权责发生制|增值税]"),
        (E, "[what's|whats] [the capital of france|2+2|the meaning of life]"), (E, "[write|draft] [an email|a memo|a tweet] [for me|]"),
    ],
}
