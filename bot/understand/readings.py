"""Questions with two readings: the words that separate them decide, or the question is asked back.

Each entry: when the family chosen so far is `family` and the text matches `words` (and not `unless`), either
`take` another family (the words say which one) or `ask` between two. Never silently the broader reading:
"上个月新签了几个客户" counts new clients (not the signed amount); documents "past their deadline" are the
late ones (not every missing one); "没按时付款" is overdue (not every unpaid balance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    family: str
    words: re.Pattern[str]
    take: str | None = None  # the family the words name
    ask: tuple[str, str] | None = None  # or: the two families to ask between
    unless: re.Pattern[str] | None = None
    plain: bool = False  # only without a limit or a threshold


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


COUNT_OF_CLIENTS = (r"(几|多少)(个|家|位)?(新)?(客户|公司|家)|how many (new )?(clients|customers)|"
                    r"(new|onboarded) clients|新(签约?|增|开发|来)?的?(vip|大|重点|普通|[a-z]{2,4})?客户|"
                    r"签(下|进来|约)的客户|签了哪些客户")
AMOUNT = r"额|金额|多少钱|amount|value|how much"
# a dashboard said with whose it is: the colleagues' (the board) or the firm's (the summary)
_WHOSE_BOARD = _re(r"全员|员工|人员|每个人|团队|同事|会计|经营|整体|公司|全所|"
                   r"staff|team|everyone|employee|business|firm")
PAIRS = [
    Pair("signed", _re(COUNT_OF_CLIENTS), ask=("signed", "new_clients")),  # with amount words: ask
    Pair("new_clients", _re(r"签约额|签约金额|合同额|amount|value|how much"), ask=("new_clients", "signed")),
    # "开票最多的客户", "highest billing clients": clients ranked by what was invoiced, not the firm's total
    Pair("invoiced", _re(r"(最多|最大|最高|前\d+|排名|排行|排一下|排个序|top|highest|biggest|largest)的?.{0,3}"
                         r"(客户|公司|clients|customers)|(客户|公司|clients|customers).{0,6}(排名|排行|排一下|排个序)"),
         take="top_clients_by_revenue", unless=_re(r"每个|各|按|by (region|industry|owner|tier)")),
    Pair("top_debtors", _re(r"on time|按时|准时|过了账期|超过付款期限|逾期"), take="overdue_clients"),
    # "我客户的逾期金额", "王芳客户的overdue金额": an amount word after overdue asks for the amount
    Pair("overdue_clients", _re(r"逾期 ?(金额|总额|款|的钱|余额|balance)|overdue ?(amount|total|balance|金额|余额)|"
                                r"overdue receivables"),
         take="overdue_total", plain=True,
         unless=_re(r"哪|名单|列表|清单|谁|明细|客户.{0,4}是否有|有.{0,8}的吗|which|list|who|show|大|多|高|超过|以上|排|最|top|"
                    r"more than|(?<![a-z])over(?![a-z])|above|(clients|customers|accounts|companies) (with|that|who)|"
                    r"(款项?|额|钱)的(客户|公司|单位|企业)|有逾期(款|金额|余额)的\s*$|是否是?有|有没有|是否存在|列出|列示|"
                    r"款项?者|"
                    r"有逾期(款|金额|余额).{0,4}吗")),  # "有逾期款的客户": the clients; "是不是有逾期款": whether
    # (客户有没有逾期款: which; 逾期金额最大的客户: a ranking; "clients with overdue balances": the clients)
    # "VIP客户逾期多少", "overdue多少": 多少 right after the overdue word asks for the amount, not the clients
    Pair("overdue_count", _re(r"(逾期|超期|overdue)\s?了?\s?(有|是|一共|总共)?\s?多少(?![个家位名户天])|how much"),
         take="overdue_total",
         unless=_re(r"how many|几|多少(个|家|位)|数量|number|count|客户数")),
    Pair("overdue_count", _re(r"how much|多少钱|金额|总额|一共多少(?![个家位])|合计"),
         ask=("overdue_total", "overdue_count"), unless=_re(r"how many|几|多少(个|家|位)|数量|number|count")),
    # "那几家" / "这几个" point at clients ("those few"); only a bare 几家 / 几个 asks how many
    Pair("overdue_clients", _re(r"(?<![那这])几家|(?<![那这])几个|多少家|多少个|how many|数量|number of"),
         take="overdue_count",
         unless=_re(r"哪|名单|列表|谁|which|list|who")),
    Pair("documents_missing", _re(r"资料卡|档案|profile|基本信息"), take="client_profile"),
    Pair("documents_missing", _re(r"客户资料$|的资料$|client (info|information|details)"),
         ask=("client_profile", "documents_missing"),
         unless=_re(r"没|缺|未|差|交|收|齐|逾期|迟|晚|missing|late|sent|submitted|outstanding")),
    # a list or count of clients, with a state word the rules did not read ("哪些客户逾期了", "overdue documents")
    Pair("clients_by_attribute", _re(r"资料|材料|documents|docs|paperwork"), take="documents_missing"),
    Pair("clients_by_attribute", _re(r"逾期|overdue|past due"), take="overdue_clients"),
    Pair("client_count", _re(r"逾期|overdue|past due"), take="overdue_count"),
    Pair("summary", _re("业绩"), ask=("summary", "staff_board"),
         unless=_re(r"大伙|全员|员工|人员|每个?人|每位|各位|团队|大家|同事|会计|各人|经营|整体|公司|全所|staff|team|everyone|"
                    r"employee|each person|per person")),
    # "KPI看板": the firm's dashboard or the colleagues' board? ask
    Pair("summary", _re(r"看板|dashboard"), ask=("summary", "staff_board"), unless=_WHOSE_BOARD),
    Pair("staff_board", _re(r"看板|dashboard"), ask=("summary", "staff_board"), unless=_WHOSE_BOARD),
    # "公司这个月业绩如何": the firm's results, unless a person or a ranking of people is named
    Pair("staff_board", _re(r"(公司|全所|所里|整体|总体|经营).{0,8}业绩|业绩.{0,4}(整体|总体)"), take="summary",
         unless=_re(r"员工|人员|每个人|团队|大家|同事|会计|各人|榜|排行|排名|谁|哪位|staff|team|everyone|employee|who")),
    Pair("staff_board", _re("业绩"), ask=("summary", "staff_board"),
         unless=_re(r"大伙|全员|员工|人员|每个?人|每位|各位|团队|大家|同事|会计|各人|经营|整体|公司|全所|榜|排行|排名|staff|team|"
                    r"everyone|employee|each person|per person")),  # a 业绩 leaderboard (榜, 排行) ranks people
]
_AMOUNT = _re(AMOUNT)


def second_reading(family: str, text: str, plain: bool) -> Pair | None:
    """The pair that applies to this family and text, if any ("signed" with count words: see `signed_pair`)."""
    for pair in PAIRS:
        if pair.family != family or not pair.words.search(text):
            continue
        if (pair.unless and pair.unless.search(text)) or (pair.plain and not plain):
            continue
        if pair.family == "signed" and not _AMOUNT.search(text):
            return Pair("signed", pair.words, take="new_clients")  # "新签了几个客户": only the count words
        return pair
    return None


LATE_WORDS = _re(r"逾期|超期|过期|过了期|迟交|晚交|交晚|交迟|晚了|迟了|超时|"
                 r"过了.{0,4}(截止|截至|期限|deadline)|(截止|截至|期限).{0,4}(已过|过了)|"
                 r"late|overdue|past (due|the deadline|their deadline|deadline|its due date|their due date|"
                 r"the due date)|"
                 r"(past|missed|blew (through|past)|blown (through|past)) (the |their |its )?(document |documents |"
                 r"doc |docs |paperwork )?(due date|deadline)|"
                 r"after the deadline|behind")
DEADLINE_WORDS = _re(r"截止|期限|到期|deadline|due")

# Words that decide how the rules and the classifier combine (generalise.py)
# "还没付款", "没交资料", "haven't sent": a negation that is part of the asked state, not one that reverses it
# (把 and its object may come between: "没把钱结清", "没把资料给我们"); "不知道怎么用" is the help asked for
# a negation that only pads the question ("给个数就行 不用名单", "别冷落了", "要到期不": a question's 不, as 吗): it
# reverses nothing
_PADDING = (r"不用(名单|列|清单|明细)|不要(名单|清单|明细)|别(冷落|忘|漏|落下)了?|记不住|记不清|不记得|"
            r"(?<=[期有是交付齐])不\s*$")
PADDING_NEGATION = re.compile(_PADDING)
STATE_NEGATION = re.compile(r"(没|未|没有|还没|尚未|仍未|还未)(有)?(人)?(把.{1,4}?)?"
                            r"(付|还|交|给|回|收|结|联系|跟进|回款|到账|提交|续|沟通|拜访|打款|缴|发|寄|处理|搞定|解决)|"
                            rf"{_PADDING}|(没|未|还没)到(?!期)|"
                            r"不(知道|会|懂|清楚|太会|太懂|太清楚)(怎么|如何|咋)|拖着.{0,5}?不(给|付|还|结|交)|不(给|付|还|打)钱|"
                            r"还不(给|付|打|还|结|交)|"
                            r"(havent|hasnt|have not|has not|not yet|never|didnt|did not) (yet )?"
                            r"(paid|sent|submitted|contacted|heard|settled|renewed|reached|talked|been contacted|"
                            r"received)|(没|未|还没) ?(settle|pay)")
# Families whose own state is a negation: clients not contacted (没联系, 没去拜访), documents not sent (不交, 没到),
# clients who may not renew (不续约, 保不住), low value or loyalty (不忠诚), the least healthy (最不健康), poor credit
# (信用不良), help (不会用). A classifier confident of one of them may read past a negation
# the rules could not place — unless the negation reverses the subject itself or a filter (`REVERSAL`).
NEGATED_FAMILIES = frozenset({"clients_not_contacted", "documents_missing", "clients_at_risk", "client_segments",
                              "clients_by_health", "clients_by_credit_rating", "help"})
REVERSAL = re.compile(r"(没有|没|不|未|无)(是|逾期|欠|过期|超期|风险|差评|到期|缺|流失|投诉|问题|联系过的|在|存在)|"
                      r"never (given|had|left|been|made|complained)|no (bad|negative|complaint|risk)|"
                      r"[非除别]|(已经|都|全部?)(交齐|齐了|交了|给了|到了|联系过|续约?了|续费了)|(谁|哪些|哪家)交了|"
                      r"not (overdue|late|at risk|due|missing|a |an |in )|non[ -]?|except|other than|besides")
# Clients *not* contacted need a word that says so — "最近一个月联系过的客户" asks the opposite list
NOT_CONTACTED = re.compile(r"nobody|no one|没|未|不|无|久|冷落|遗忘|忘了|失联|断了|上次|最后一次|之前|以前|多久|"
                           r"多长时间|never|not|n't|nt |no |without|neglect|lapsed|gone quiet|forgot|last|since|ago|"
                           r"how long")
# The firm's own cash, bank balance, debts or payroll: not in the client book ("公司账上还有多少现金") — but a
# client's payroll sheet (工资表, payroll sheets) is one of the documents a client sends
OWN_MONEY = re.compile(r"petty cash|备用金|退款|退费|退钱|refund|考勤|打卡|请假|病假|年假|休假|attendance|"
                       r"(did|do|have) we pay|we paid|pa(y|id) out|我们(付|支付|付出)了|creditors?|债权人|存款|"
                       r"向公司借|借了多少|借款|借钱|borrow|"
                       r"sick (days?|leave)|"
                       r"(days|day) off|vacation|annual leave|"
                       r"现金|银行存款|银行余额|账户余额|基本户|账上(还)?有多少钱|公司(的)?账户|工资(?![表单条])|"
                       r"天气|雾霾|下雨|下雪|气温|(?<![a-z])(weather|rain)(?![a-z])|体检|团建|年会|报销|reimburse|"
                       r"支出|开支|花销|(?<![a-z])(expenses|spending)(?![a-z])|库存|存货|inventory|"
                       r"(?<![a-z])we (still )?owe(?![a-z])|(?<![a-z])bonus(es)?(?![a-z])|下属|direct reports|"
                       r"subordinates|(?<![a-z])(kids|children|wife|husband|birthday)(?![a-z])|孩子|生日|"
                       r"(我们|咱们)还?欠|欠(银行|税务局?|员工|工资|供应商|房东)|"
                       r"(?<![a-z])rent(?![a-z])|(?<![a-z])(bank )?loans?(?![a-z])|prepayments received|"
                       r"advance payments|(?<![a-z])deposits?(?![a-z])|"
                       r"薪水|薪资|底薪|奖金|提成|(?<![a-z])commissions?(?![a-z])|欠供应商|供应商.{0,4}(钱|款)|贷款|借款|房租|"
                       r"应付账款|应付款项?余额|应付(余额|账龄|账款|款)|供应商|"
                       r"(?<![a-z])(ap|a/p|payables?)(?![a-z])|"  # what the firm owes
                       r"劳动合同|劳务合同|租赁合同|租房合同|(employment|labou?r|rental) contracts?|(?<![a-z])lease|"
                       r"(多少|几)(个|名|位)?实习生|how many interns|分所|(?<![a-z])branch(es| offices?)?(?![a-z])|"
                       r"(paid|pay|pays|paying) (its|their|his|her) (own )?(staff|employees|workers|suppliers|vendors)|"
                       r"预收账款|预收款|advance receipts|deferred revenue|罚款|罚金|处罚|penalt(y|ies)|fined|"
                       r"(发|发送|转发)到.{0,10}(邮箱|邮件|短信)|"
                       r"(send|email|mail) .{1,40} to .{0,20}(email|inbox|mail)|"
                       r"cash (balance|on hand|in the bank)|bank balance|company account|salary|salaries|"
                       r"how much does .{1,25} earn\b|payday|suppliers|vendors|our loan|cash .{0,20}in the bank|"
                       r"\bpdf\b|this (file|document|email)|翻译|translate|起草|draft (a|an|the)|write (me )?an? "
                       r"(email|letter)")
# Questions about what has not happened yet: a guess, not the book ("下个月能回款多少", "will Acme renew")
FORECAST = re.compile(r"目标|指标定|预算|能做到|能达到|能做多少|做得到|what will|will (our|the|we) .{0,30}be\b|target|"
                      r"goal|budget|能回(款|多少)|能收(回|到)?多少|还能回|能到账多少|预计|预测|估计|估一下|大概能|你猜|猜一下|"
                      r"(会不会|是否会) ?(续|流失|付|走|逾期|renew|pay)|能 ?(collect|收)|will we (collect|get|receive)|"
                      r"going to (collect|get)|forecast|"
                      r"predict|expect to (collect|get|receive)|do you think|will .{1,30} renew|估算|预估|测算|推算|"
                      r"(照|按)(这个|目前的?|现在的?)趋势|会有?[^，,。]{0,8}(变成|变为)|会(变成|变为|达到|续约|续费|续签|付款|付清|回款|逾期|给差评)|"
                      r"可能(会)?(给|续|付|逾期|拖)|会(最多|最少|最高|最低)|达标|才算|"
                      r"(?<![a-z])will (miss|pay|file|be late|churn|leave)(?![a-z])|"
                      r"(?<![a-z])will (we|they|it|\w+) (sign|win|add|onboard|collect|get|receive|invoice|make)"
                      r"(?![a-z])|"
                      r"(?<![a-z])(likely to|might|will likely) (pay|renew|complain|give|be late|quit|resign)|"
                      r"(?<![a-z])expected (collections?|payments?|receipts?|revenue|income|cash)(?![a-z])|"
                      r"(?<![a-z])(might|may|could|will|likely to) (close|shut|go (bust|under|bankrupt))|倒闭|关门|"
                      r"(?<![a-z])(estimate|projected|projection)(?![a-z])|"
                      r"(照|按)(这个|目前的?|现在的?)(势头|速度|节奏)|能(到|达到)(多少|几)|能续(几|多少)|"
                      # said with 会: "下个月经营会怎么样", "月底会有几家客户逾期", "未来12个月开票趋势"
                      r"会(怎么样|如何|怎样|好吗)|(会|将)(是|有|剩|达到)(多少|几)|会有(几|多少).{0,8}(逾期|流失|续约|欠|到期)|未来.{0,8}(趋势|走势)|"
                      r"(如果|假如|假设|要是|万一|倘若)[^，,。？?]{1,30}[，,]?[^。？?]{0,30}(会|将|能|就)|"
                      r"(?<![a-z])(what if|suppose|supposing|assuming|if) .{1,50} (would|will)(?![a-z])")
# A ranking by how much a figure changed ("利润率同比下降最多的客户"): no family ranks by change
AVERAGE = re.compile(r"平均|均值|(?<![a-z])(average|avg|mean)(?![a-z])")  # no family averages ("平均逾期天数")
# Measures no family has: growth rates, per-client or per-head figures, satisfaction scores, retention
OTHER_MEASURE = re.compile(r"增长率|增速|同比增长|客单价|人均|per capita|per head|(?<![a-z])nps(?![a-z])|"
                           r"满意度(按|统计|分布|评分)|satisfaction (by|score)|retention rate|留存率|churn rate|"
                           r"流失率|转化率|conversion rate|growth rate|(?<![a-z])yoy growth|"
                           r"(结账|关账|记账|做账|报税|申报|年报|审计|工作)进度|"
                           r"(closing|close|bookkeeping|filing) progress|"
                           r"(acquisition|marketing|sales|referral) channels?|lead sources?|获客渠道|渠道来源|客户来源|"
                           r"续费率|续约率|renewal rate|员工人数|人数规模|公司规模|企业规模|headcount|company size|"
                           r"竞争对手|竞品|competitors?|逐张|按发票号|每张发票|invoice by invoice|each invoice number|"
                           r"自己的(利润|营收|收入|成本|现金)|their own (profit|revenue|income|sales)|个人欠|"
                           r"personally owe|"
                           r"逾期率|overdue rate|default rate|坏账率|(交|缴|纳|付)多少.{0,4}税|税(额|款)是?多少|"
                           r"how much (vat|tax|cit) |流失了(几|多少)|(how many|which) (clients )?(churned|left us)|"
                           r"多少(个|名|位)?(员工|同事)(?!.{0,6}(负责|的客户|客户))|"
                           r"(did|have|had) we lose|(?<![a-z])lost (clients|customers)|"
                           r"how many (staff|employees|people work)|"
                           r"(合同金额|合同额|签约金额|签约额)(最大|最高|最多)的?(客户|公司)|"
                           r"(largest|biggest) contract value|"
                           r"自己[^，,。]{0,6}的?(净)?(利润|营收|收入|成本|现金)|净利润|net (profit|income)|市值|"
                           r"market cap|valuation|股价|stock price|(?<!不)同行(?!业)|行业平均|industry average|"
                           r"(?<![a-z])peers(?![a-z])|"
                           r"在行业(里|中|内)?排|行业排名|排第几|受欢迎|受客户欢迎|"
                           r"(?<![a-z])(popular|favou?rite|nicest)(?![a-z])|"
                           r"收费标准|价目|价格表|price list|fee schedule|续签率|"
                           r"税[^，,。]{0,6}(交|缴|纳)多少|"
                           r"(跟|和|与|比|较)[^，,。]{0,6}(多了|少了|增加了|减少了|涨了|降了)多少|"
                           # counts of items, not amounts: 多少份合同, 几张发票, 多少笔回款
                           r"(签|开|收|回)了?(多少|几)(份|张|笔)|"
                           r"how many (contracts|invoices|payments|receipts)(?! .{0,30}(overdue|late|past due|expir|"
                           r"due|outstanding|unpaid|missing))|"
                           r"法人|法定代表人|legal (rep|representative)|股东|shareholders?|注册资本|registered capital|"
                           r"营业执照|business licen[cs]e|"
                           r"自己[^，,。]{0,6}(赚|挣|盈利|亏)|"
                           r"(?<![a-z])own (gross |net )?(profit|margin|revenue|income|sales|earnings)|"
                           r"number of (employees|staff|workers|people)|employee count|员工数|"
                           r"税率|税负|tax rates?|tax burden|"
                           r"汇算|社保|公积金|social (security|insurance)|housing fund|"
                           r"filed late|late fil(ing|ers)|逾期申报|迟报|晚报|"
                           r"专票|普票|专用发票|普通发票|发票类型|invoice types?|"
                           r"across the street|隔壁|别家|(other|another) (firm|agency)|"
                           r"同比|(和|跟|与|比|较|对比|vs).{0,4}去年同?(\d{1,2}月|[一二三四五六七八九十]{1,2}月|月|期)|"
                           r"去年同(月|期)相?比|year[- ]over[- ]year|"
                           r"(?<![a-z])yoy(?![a-z])|"
                           r"same (month|period|quarter) last year|"
                           r"staff turnover|employee turnover|attrition|人员流动|离职率|"
                           r"按满意度|满意度分层|by satisfaction|"
                           r"wfoes?|外资|外商独资|合资|joint ventures?|国企|state[- ]owned|上市公司|"
                           r"listed compan(y|ies)|"
                           r"行业(最近|近期|目前|现在)?的?(情况|动态|形势|前景|政策|新闻)|"
                           r"在哪(里|儿)|"  # where something is: no list or figure of the book says
                           r"自己[^，,。]{0,6}(营业额|营收|收入|利润|毛利|销售)|"
                           r"(its|their) own (customers|clients|sales|revenue)|"
                           r"退(下来|回来|了多少)|tax refunds?|(发票|进项|票).{0,6}认证|勾选确认|抵扣|政策|"
                           r"(?<![a-z])polic(y|ies)(?![a-z])|"
                           r"years with us|tenure|合作年限|合作时间最长|"
                           r"(?<![a-z])(cac|arpu|mrr|arr)(?![a-z])|投诉到|告到|举报|"
                           r"(多少|几)张(发票|票|账单)|几张.{0,4}发票|(发票|invoices?).{0,8}(多少|几)张|"
                           r"how many (overdue |late |unpaid |outstanding |open )?(invoices|bills)|"
                           r"有几家(会计师)?事务所|几家代账公司|how many (accounting )?firms|"
                           r"新开业|新成立|新注册|新开的(?!客户)|newly (opened|founded|incorporated)|"
                           r"(?<!aging )(?<!ageing )(?<![a-z])schedules?(?![a-z])|时间表|日程|"
                           r"差评率|投诉率|好评率|签约渠道|渠道|going bust|bankrupt|破产|倒闭|"
                           r"(?<![a-z])in china(?![a-z])|lost (their|its) .{0,30}status|失去.{0,10}资格|"
                           r"取消了?.{0,6}资格|申报晚了|报晚了|晚报了|迟报了|"
                           r"(信用|评级|等级|rating).{0,4}[abcd]级?(以下|以上|及以下|及以上|或以下|或以上|或更差)|"
                           r"从[abcd]级?.{0,3}(降|升|调)到?[abcd]|(downgraded|upgraded) from [abcd](?![a-z])")
CHANGE_RANKING = re.compile(r"(下降|上升|增长|减少|降低|提高|下滑|上涨|下跌|涨|跌)(得|了)?(最多|最快|最大|最厉害|最猛)|"
                            r"(fell|dropped|declined|grew|increased|decreased|rose|fallen|grown|growing|rising|falling|"
                            r"declining|shrinking) (the )?(most|fastest)|"
                            r"(biggest|largest|sharpest|highest|fastest) (drop|decline|increase|rise|growth|fall)|"
                            r"(增长|增幅|涨幅|降幅|跌幅|增长率|增速|增量|变化|变动)(最高|最大|最低|最小|最多|最快|排名|前)")
# The opposite of a family's list, said without a negation: contracts already renewed or ended, debts paid off,
# clients contacted recently, documents always on time (none missing, sent early, all in)
DONE = re.compile(r"(?<![a-z])(fell|came|were|was) due(?![a-z])|"  # "invoices that fell due in October": already
                  r"已经?(续约|续签|续费|renew)|续(约|签)了的|已经 ?renew|renewed|(已经|已|就)到期(了|结束)|到期结束|"
                  r"expired|已经结束的合同|还清了?|已还清|结清了的|paid off|fully paid|zero balance|no balance|"
                  r"欠款为零|应收为零|不欠钱的|(已经|已)报完|报完税?了?的(客户|公司)|已经?申报(过|了)?的|(?<![会要想])解约|已终止|终止了?的|作废|注销|"
                  r"流失了又回来|"
                  r"最近(联系|跟进|拜访|沟通)(过|了)|"
                  r"(contacted|called|visited|reached) (in|within|during) the (last|past)|"
                  r"一向.{0,6}(及时|准时|按时)|从来不拖|从不拖|交得很及时|submitted all|all their documents|"
                  r"no missing (docs|documents)|没有 ?missing|提前交|(sent|submitted) .{0,25}early|没被催过|"
                  r"have all .{0,30}(documents|docs) in|(with |have )?complete (docs|documents|paperwork)|"
                  r"已(经)?申报(完成)?的?(名单|客户|公司)|"
                  r"已报(税)?名单|"
                  r"(which|what) (clients|customers|companies)( \w+){0,3} (have|has) "
                  r"(handed|sent|submitted|turned|uploaded)( in)? (everything|all)|(documents|docs) (are|were) all "
                  r"(received|in)|(docs|documents|paperwork|statements?) (have )?(all )?(arrived|came in|come in)|"
                  r"(with )?(no|zero) (churn )?risk( at all)?|not at risk|"
                  r"(have|has) (sent|submitted|handed in|uploaded) (in )?every( single)? (document|doc|file)|"
                  r"(sent|submitted|handed) .{0,30}(before the deadline|on time)|续好约|续好了|已经续好|"
                  r"续(约|签|费)了(哪|几|多少)|已经?到期的|already (expired|ended)|"
                  r"unlikely to (leave|churn)|not (likely|going) to (leave|churn)|won ?t (leave|churn)|不会流失|"
                  r"不太可能流失|met (every|all)( the| their)? (document |filing )?deadlines?|"
                  r"(?<![a-z])(have|has) (already )?(sent|submitted|handed in|uploaded|turned in) (their|its|the) |"
                  r"(?<![未没])(结清|付清)了?的|已经?到期.{0,4}(合同|没续|未续)|合同.{0,6}已经?到期|"
                  r"never (send|sent|submit|submitted|pay|paid) .{0,20}late|从不(迟交|晚交)|"
                  r"(?<![a-z])(ended|expired|lapsed|terminated|ran out) (in|within|during|over|last|this|earlier)")
# A statement that changes the book, worded without a verb the rules know: "明远贸易归我负责", "把X降为普通客户"
ACTION_STATEMENT = re.compile(r"(has|have) been (sent|submitted|received|handed in|uploaded)( over| in)?\s*$|"
                              r"致函|发函|去函|(?<![a-z])(?<!havent )(?<!hasnt )(?<!not )(?<!didnt )(?<!never )"
                              r"(sent|submitted|uploaded|handed in|delivered) (its|their|his|her|all)(?![a-z])|"
                              r"got off the phone|just (called|spoke|talked|met)|^(just )?(got|received) (?!any|all)|"
                              r"刚(跟|和|给).{1,12}(打了?电话|通了?电话|聊了|见了|开了会)|归(?!谁).{0,6}负责|"
                              r"(转|交|划|分|调)给.{1,8}(负责|跟进|管)|from now on|"
                              r"hand .{1,30} over|把.{1,20}(改成|改为|设为|设成|标为|标成|降为|升为|调成|调为)|"
                              r"把.{1,20}(分给|转给|划给|调给|交给|移交给|分配给)|"
                              r"的(联系人|电话|地址|负责人|邮箱)(换成|改成|换为|改为|更新为)|"
                              r"^(please |pls )?(file|submit|record|mark|log|remind|chase|renew|extend|terminate|"
                              r"cancel|call|send|email) (?!me\b|us\b|over\b)|"
                              r"(assign|reassign|move|transfer) .{1,30} to |"
                              r"群发|(发|推送)催(款|收|缴)|钉(一下|下|给)|(?<![a-z])ding (him|her|them)(?![a-z])|"
                              r"发(一下|一遍|一轮|个|一个)?(催款|提醒|通知)|都?催(一遍|一下|下(?![个月周午礼星]))(?!.*(哪|吗|么|多少))|"
                              # a memo's instruction to send: "烦请向…客户发送催款函", "请将VIP客户名单转发至财务部群"
                              r"(向|给)[^，,。]{1,24}(发送|发出|寄送|寄出)|(发送|转发|抄送|报送|发)(至|到|去)[^，,。]{0,12}(群|邮箱|微信|钉钉)|"
                              r"将[^，,。]{1,24}(转发|抄送)|"
                              r"send (payment |a )?reminders?|remind (all|every|them)|跟.{1,10}说一声|"
                              r"转到.{0,4}名下|状态改|make .{1,30} (a )?(vip|high risk|normal)$|"
                              r"(补齐|交齐|收齐|都交|到齐|齐活)了?$|都收到了|(?<![没未])收到了?$|"
                              r"(全部|都|全都)(转|划|移交|分配|调)给[^，,。]{1,8}$|交了.{1,8}还差|"
                              r"(docs|documents) are (all )?(in|here)$|finally sent|"
                              r"给(我|我们)了$|(发|交)(过来|上来)了$|"
                              # news that a client paid: "Acme just cleared all its overdue invoices"
                              r"(just|has|have|finally) (cleared|paid off|settled|paid up)(?! .{0,20}\?$)|"
                              r"(帮我|替我|你|请)给.{1,30}(打个?电话|打一?遍电话|发消息|发短信|发微信|发邮件|发个)|"
                              r"发(一?条|个|一个|一下)?(催交|催款|催缴|催收|提醒)(消息|通知|短信)|开(个|张|一张|一下)?收据|"
                              r"^把.{1,20}(发给|转发给|抄送给?)|发一?封|都(转|交|划|分|调)给|把.{1,20}续(约|签|费)|"
                              r"(send|email|forward|post|share) .{1,40} (on|via|over) "
                              r"(slack|wechat|wecom|dingtalk|email)|"
                              r"(email|forward|share|send|post) .{1,40} to (the |our |my |all )?"
                              r"(partners?|team|clients?|boss|manager|group|everyone|him|her|them)(?![a-z])")
# a question followed by a change to the book ("…，顺便都催一遍", "齐了就把账做了"): the change is not the bot's to make
ACTION_TAIL = re.compile(r"帮我标(记)?一下|(顺便|然后|再|就|并)\s*(都|帮我|给我|直接)?\s*"
                         r"(催一?(遍|下)|发出去|群发|标记|记一下|把账做了|把.{1,8}(做了|发了|交了|报了|催了))|"
                         r"就把.{1,8}(做了|发了|报了)|(帮我|给我)?(记一下|记下来?|登记一下|录一下|记上)[吧哈啊呀]*$|"
                         r"(并|然后|再|顺便)\s*给.{1,10}?(各)?发(一条|一个|个|一封)?(提醒|通知|消息|邮件)|发邮件给|"
                         r"(然后|再|并|顺便)\s*(逐个|挨个|一个个|一家家|都)?\s*(催款|催收|催资料|打电话)|发到.{0,6}群|"
                         r"把.{1,20}?(全部|都)?(?<!被)标记|(?<![a-z]),? ?and (tag|mark|flag|remind|email|chase|notify) "
                         r"(them|it|him|her)(?![a-z])")
# two questions joined: "which clients are overdue and which have late documents"
TWO_ASKED = re.compile(r"(?<![a-z])and (which|who|how many|how much|what)(?![a-z])|(?<![a-z])and also(?![a-z])|"
                       r"(?<![a-z])and (then )?(list|show me|give me|pull|send me)(?![a-z])|"
                       # "…的客户卡片，顺便把逾期名单也列一下" (a message that opens with 顺便 asks one thing)
                       r"(?<=.)顺便(把|再)?[^，,。]{1,12}也(列|拉|发|看|查|调|给)|"
                       r"(?<![a-z])both (please|pls|of them)|(?<![a-z])and .{3,40}, both(?![a-z])|"
                       r"(利润|毛利率?|回款率?|开票|收入|欠款|逾期|签约额?|健康分?)(和|与|跟|及|、)(利润|毛利率?|回款率?|开票|"
                       r"收入|欠款|逾期|签约额?|健康分?)(分别|各自|各是)|"  # "Acme的利润和毛利率分别多少": two figures
                       r"(?<=.)顺便(看看?|查查?|问问?|瞅瞅?).{0,10}(谁|哪|多少|几)|然后再?把.{1,16}?(调|拉|找|翻|导|发)(出来|给我|过来)|几(家|个|户).{2,12}几(家|个|户)|"
                       r"(超过|以上|more than|over|above|at least|至少).{1,20}(或者|或是|(?<![a-z])or(?![a-z]))"
                       r".{0,20}(超过|以上|more than|over|above|at least|至少)")
# a question about who or which is never a statement ("华信科技归谁负责")
ASKS = re.compile(r"谁|哪|什么|啥|多少|几|who|which|what|how")
# "被标记为VIP的客户", "标记为高风险的客户" (no 把/将 before it: a description of clients, not a change to one)
PASSIVE = re.compile(r"被(标记|标|列|设|归|评|定)(为|成)|(marked|flagged|tagged|rated) as|"
                     r"^(请问|麻烦|帮我|查一下|查下|看看|看下|所有|哪些)?(标记|标|列|设|归|评|定)为[^把将]{1,8}的"
                     r"(客户|公司|单位|企业|有哪些|名单|都有谁)")
# "收到", "收到，谢谢啦", "好的收到", "ok thanks": only words that acknowledge a message, with their particles
# (each word taken whole, a longer one before its prefix, and never given back: matched in linear time)
_ACK = (r"收到了|收到|好的|好滴|好嘞|好|行|嗯|明白了|明白|知道了|了解了|了解|清楚了|谢谢|多谢|感谢|谢啦|谢了|"
        r"辛苦了|辛苦|okay|ok|k|thank you|thanks|thx|ty|got it|cool|great|perfect|noted|received")
_ACK_TAIL = r"啦|了|哈|呀|啊|哦|喔|噢|嘞|哒|你|您|so much|a lot|much"
ACKNOWLEDGEMENT = re.compile(rf"^(?>(?:{_ACK})\s*(?:(?:{_ACK_TAIL})\s*)*)+$")
# advice and definitions: "什么叫客户价值分层", "逾期是怎么算的", "资料清单一般要哪些" ask what a word means or what is
# usual, not the firm's data
ADVICE = re.compile(r"怎么办|咋办|咋整|怎么整|怎么处理|如何处理|什么是|是什么意思|什么意思|"
                    r"为什么|为啥|为何(?![日时天])|要不要|该不该|"
                    r"(扣分|评分|打分|计算|计分)规则|"
                    r"是否要|是否该|"
                    r"可以吗|合法吗|"
                    r"有什么(不同|区别|差别)|什么区别|区别是什么|的区别|difference between|how .* differ|"
                    r"什么叫|啥叫|啥是|何谓|何为|指的是什么|是指什么|指什么|的定义|定义是|口径是|是怎么定的|"
                    r"一般(要|需要|包括|都要|有)哪些|通常(要|需要|包括|都要)哪些|"
                    r"(怎么|如何|怎样)(催|做|弄|算|交|开|写|沟通|谈|提高|降低|避免|挽回|挽留|选|续|办)|选哪个|哪个好|利息|滞纳金|"
                    r"interest on|charge interest|最多可以|比较好|建议|技巧|方法|策略|"
                    r"what is an? |whats an? |what is (accounts receivable|ar|aging|ageing|dso)$|what does .* mean|"
                    r"what should|how should|should (i|we)(?![a-z])|why |what counts as|"
                    r"(该|应该|要)怎么(维护|维系|跟进|对待|处理|办|做)|(怎么|如何)(维护|维系|对待)|"
                    r"definition of|how is .* (calculated|defined)|满分|怎么(划分|分层|分的|算的|定义)|"
                    r"如何(划分|分层|定义)|什么样的|怎么分段|如何分段|是怎么分|计算规则|计算方法|算法|"
                    r"(要|需要|得)准备(哪些|什么)|(应该|该|要)(怎么|如何|咋)(?!样|用|使用|问)|(怎么|如何)(管|管理|应对)|"
                    r"(?<![a-z])extension(?![a-z])|申请延期|延期申报|能不能延|值得(投资|合作|跟进)?吗|"
                    r"worth (it|investing)|应该[^，,。]{0,6}吗|起诉|诉讼|打官司|"
                    r"(?<![a-z])(sue|lawsuit|legal action)(?![a-z])|"
                    r"是怎么(划分|分层|分|算|定义)的|how (are|is) .{1,30} (segmented|scored|split)|out of how many")
RANKING_WORDS = re.compile(r"最|第一|top|most|biggest|largest|worst|highest|first")
OVER_TIME = re.compile(r"趋势|走势|变化|每(个)?月|按月|月度|逐月|各月|每(个)?季度?|按季|季度|曲线|"
                       r"trend|monthly|quarterly|(by|per|each|every) (month|quarter)|month by month|over time|"
                       r"(?<![a-z])(mom|qoq)(?![a-z])")
BARE_DIMENSIONS = {
    "industry": re.compile(r"行业|industry"), "region": re.compile(r"地区|城市|区域|region|city"),
    "owner": re.compile(r"负责人|会计|员工|owner|accountant"),
    "taxpayer_type": re.compile(r"纳税人类型|taxpayer type"),
    "credit_rating": re.compile(r"信用等级|信用评级|credit rating"),
    "service_type": re.compile(r"服务类型|业务类型|service type"),
}
BOTTOM_WORDS = re.compile(r"最后|倒数|末尾|垫底|最低|最差|最不健康|最不好|不太健康|不健康|unhealth|bottom|lowest|"
                          r"worst|least")
# "赔本的客户", "losing money": the least profitable first (the reply shows which are below zero)
LOSS_WORDS = re.compile(r"赔本|亏本|亏损|亏钱|赔钱|不赚钱|不挣钱|倒贴|losing money|loss[- ]making|unprofitable|"
                        r"lose (the )?most|"
                        r"negative (profit|margin)|in the red")
OVERDUE_CLIENT_COUNT = re.compile(r"逾期客户(数|数量|个数|家数)|overdue clients|number of overdue|几个逾期|几家逾期")
