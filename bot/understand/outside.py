"""Questions that sound like the book but ask about something it does not keep (read by `gates.not_in_book`, after
the lists of readings.py).

The book holds the firm's clients as the firm sees them: what each owes the firm, its documents, contracts,
filings and contacts. It does not hold a client's own business (its customers, suppliers, sales, shops, officers
and goods), when a tag was earned, who replied, letters sent, documents already received, voided invoices, or the
firm's own affairs — and a request to change or delete a record, asked politely as a question, is still a change.
Nor does it count items (contracts, payments, complaints), rank by speed or by how long a debt is owed, say one
place in a ranking, filter by a percentage or an exact number or range of days, or group by week or year.
"""

from __future__ import annotations

import re

# what follows 「<client>的客户」 and keeps it one of *our* words: 华信科技的客户档案, 深圳华信的客户健康度
_OUR_WORD = (r"档案|信息|资料|经理|画像|情况|编号|代码|负责人|联系人|健康|信用|评级|等级|价值|忠诚|类型|级别|"
             r"标签|分类|状态|名称|全称|卡片|卡|360|合同|概况|详情|全貌|明细|总览")
# a client's own counterparties: 长青物流的客户, 它的船东, 天成建筑的甲方, Acme's biggest customers, 欠华信科技
CLIENT_OWN = re.compile(
    r"(have|did|has) (we|you|i) (sent|delivered|given|emailed|send|deliver|give|email) Ⓒ|"
    r"Ⓒ\s*(这个月|上个?月|本月|今年|去年)?\s*(自己|自身|本身)的|"
    r"Ⓒ\s*'?s? own |Ⓒ\s*(这个月|上个?月|本月|今年|去年)?\s*给(它的|他们的)?(客户|顾客|买家)开|"
    # a client's own customers, debtors, members and business ("Acme's clients", "长青欠钱最多的五个客户")
    r"客户的客户|clients'? (clients|customers)|clients of our clients|Ⓒ\s*'?s? (top \d+ |biggest |largest )?"
    r"(clients|debtors)(?! card| profile)|(does|do) Ⓒ have( [a-z]+)? (clients|customers|employees|staff)|"
    r"how many (clients|customers|employees|staff) (does|do) Ⓒ have|Ⓒ\s*(一共|总共)?有(多少|几)(家|个)(客户|顾客)|"
    r"Ⓒ\s*(那边)?(欠钱|欠款)最多的|"
    r"Ⓒ.{0,6}新增(了)?(几|多少)个?(客户|顾客)|Ⓒ\s*(自己|自身)\s*.{0,6}经营|Ⓒ\s*'?s? business (do|did|doing|perform)|"
    r"付它|欠它|"
    rf"(Ⓒ\s*的|(它|它们|他们家)\s*的?)\s*(大|小|主要|重要|核心|最大的?)?(客户|供应商|甲方|乙方|船东|股东|员工|下游|上游|"
    rf"买家|经销商)(?!{_OUR_WORD})|Ⓒ\s*的?\s*(店铺|门店|网店|工厂|产品|商品)|"
    r"Ⓒ\s*'?s? (ceo|cfo|boss|owner|founder|directors?|chairman|gm|general manager|legal rep(resentative)?)(?![a-z])|"
    r"(报表|资料|凭证|账本).{0,4}没(给|发|交)给?\s*Ⓒ|"  # what we owe a client, not what it owes us
    r"Ⓒ\s*的?.{0,8}(营业额|销售额|营业收入)|(did|does|do) Ⓒ (make|earn|turn over)|Ⓒ (made|earned)(?![a-z])|"
    r"(Ⓒ|its|their)\s*'?s?\s*(own |biggest |largest |top |main |key )*(customers|suppliers|vendors|buyers|"
    r"shareholders|employees|drivers|workers|staff|landlord)|"
    r"欠\s*(Ⓒ|它|他们家)|(owes?|owed) (it|them)(?![a-z])|卖货|出货|发货|货没发|进货|"
    r"on (their|its) own books|in (their|its) (own )?books")
# a change to the book asked as a question: 能不能把华信科技的档案删了, 可以把Acme的信用等级改成A吗
CHANGE_REQUEST = re.compile(r"(能不能|可不可以|可以|能否|能|帮我|麻烦|请)\s*把.{1,24}?"
                            r"(删|清空|作废|去掉|撤销|改成|改为|设为|设成|标为|标成|换成|调成|调为)|"
                            r"(can|could) you (delete|remove|change|update|set|mark)(?![a-z])")
# what the book does not keep, or filters it cannot apply
NOT_KEPT = re.compile(
    r"(发过|已经发了?|已发|寄过)(催(款|收)|律师)函的|"  # letters sent, chases counted
    r"(被)?催(过|了)\s*(\d+|[一二两三四五六七八九十几]+)\s*次|"
    r"计提|坏账准备|bad debt provision|欠税|tax arrears|owes? .{0,12}tax(?![a-z])|"
    r"潜在客户|意向客户|(?<![a-z])(prospects|leads)(?![a-z])|"
    r"(标签|tag)\s*(为空|是空的|空白)|没(有)?(打)?标签|untagged|no tags?(?![a-z])|"  # a missing tag
    r"(信用|rating).{0,4}比\s*[a-d]\s*(好|差|高|低)|(better|worse) than (a |an )?[a-d](?![a-z])|"  # rating compared
    r"没(有)?回(复|音|消息)|不回(复|消息)|no (reply|response)|(havent|hasnt|not) (replied|responded)|"
    r"own performance (feedback|review)|"
    r"(新|刚|今年)(拿到|获得|取得|认定|评上|通过)|"  # when a tag was earned
    r"(我们|我司|本所|咱们?)(公司|所|事务所)自己的|(本所|我所|我司|我们|咱们?)(自身|本身)|"  # the firm's own
    r"(我们|我司|咱们?)自己的(健康|利润|收入|税|营收|成本|账)|"
    r"our (own )?(firm|company)'?s? own|"
    r"(毛利率?|利润|margin|profit)\s*(为负|是负的|小于0|<\s*0|negative)|"  # a sign filter
    r"(cash|money) spent|"
    r"(the )?(client\s*'?s?|their|its) bank(?! (statements?|transfers?|records?|slips?))|"
    r"christmas|圣诞|"  # a date the book does not place
    r"估值|valuation|绩效分|绩效评分|绩效考核|kpi ?分|performance (score|rating)|"  # not kept at all
    r"(colleague|staff|employee)s?\s*'?s? (phone|mobile|email|address|birthday)|(同事|员工)的?(电话|手机|邮箱|生日)|"
    r"(?<![a-z])the market(?![a-z])|加班(时长|时间|最多|最少|多少|几|小时|费)|(每人|谁|同事|员工)加班|"
    r"overtime (hours|by|per|pay)|hours (of )?overtime|(works?|worked|working) (the most )?overtime|"  # the firm's own
    r"市场(行情|情况|怎么样)|大环境|"
    r"(已经|已)交(上来|上去|过来|了)?的(资料|材料|票据)|交上来的(资料|材料|票据)|"  # received, not missing
    r"工程款|(名下|我们|公司|所里)应付|应付(按|给)|"  # a builder's project money; payables
    r"下游|上游|股份|股权|期权|(?<![a-z])(equity|stock options)(?![a-z])|章程|"
    r"(?<![a-z])(void|voided)(?![a-z])|作废的?发票|红冲|红字发票|终止(的)?合同|合同终止|解约金额|"
    r"terminated contracts?|cancell?ed contracts?|收到的(进项|销项)?(发票|资料|票据|材料)|"
    r"(流水|对账单)(的)?金额|手下.{0,4}(几|多少)个?(人|下属|员工)|带(了|着)?(几|多少)个(新人|人)|"
    r"带了?(几|多少)个徒弟|下属|"
    r"(能不能|可不可以|能否|可以|是否能|是否可以)(往后)?(推|延|顺延|推迟|延期|延后)|"
    r"(client|customer|company)s? (that |which |who )?(makes?|made|earns?|earned) (the most )?(money|profit|revenue)|"
    r"个人.{0,2}欠|财务的?(个人)?档案|联系人的?(个人)?档案|(几|多少)个联系人|介绍(过)?客户|referr(al|ed)|"
    r"we .{0,10}(owe|owing) .{0,12}(paperwork|reports|documents)|owing (paperwork|reports|documents) to|"
    r"给我们开(了)?(多少|几张)?的?(发)?票|自己对外开|(issued|gave) us .{0,10}invoices|"
    r"收到(了)?(多少|几张)的?(进项|销项)?(发票|票|资料|票据|材料)|"
    r"(升级|降级|上调|下调|调高|调低)(了的|的客户)|百分点|percentage points|"  # a rating changed
    r"(信用|评级|等级|rating).{0,4}(从|from)\s*[a-d](?![a-z])|"
    # what the firm owes, not what is owed to it ("所里欠钱最多的三家", "what does the firm still owe Acme")
    r"(所里|我们|我司|咱们?|本所)还?欠(着)?(别人|人家|供应商|谁|钱)|(所里|我们|我司|咱们?|本所)还?\s*owe(?![a-z])|"
    r"(?<![a-z])my own (bills|expenses|payments|rent|taxes|salary)(?![a-z])|"
    r"(what|how much) (does|do) (the firm|we|our firm|the office) (still )?owe|"
    r"收到(了)?(进项|销项)?(发票|票据)的?(总额|金额|合计)|"  # received
    r"进项(发票|票|税)[^，,。]{0,3}(金额|总额|合计|税额)|"
    # renewed: the renewal list leaves them out
    r"(续约|续签)过的|已(续约|续签)的(合同|客户)|(?<![a-z])renewed contracts|"
    r"behind on (their |its )?(tax )?(filings?|returns?)|现金流|cash ?flows?|"  # a client's own affairs
    r"svip|超级vip|(?<![a-z])(trucks?|vehicles|fleet)(?![a-z])|卡车|货车|车队|"
    r"联系人(一共)?有?(几|多少)个|"
    r"(还能|能不能|可以|可不可以)补(报|申报|交)|"  # advice on filing late

    r"已经?流失(了)?的\s*(客户)?\s*(有哪些|是哪些|有几家|名单|列表|清单|都有谁)?\s*[？?]?$|"  # churned
    r"(employees?|staff|colleagues?) (at risk of|likely to|about to|thinking of) (quit|leav|resign)|"
    # a client's own output invoices, taxes and refunds; the firm's non-operating income
    r"营业外|"
    r"销项(发票|票|税)|(没交|未交|没缴|未缴|欠缴|逾期)的?税款|税款.{0,4}(没交|未交|逾期)|没退到|未退到|退税款|"
    r"(增值税|个税|所得税|印花税|附加税)[^，,。]{0,4}(报|申报|缴|交)完(了)?(没有|没|吗|了吗|未)?|"
    r"(老板|法人|老总|股东)的?(个人|私人)|timesheets?|的排班|排班(表|情况|安排)|(下面|底下)(有)?(几|多少)个?(员工|人|下属)|"
    r"(?<![a-z])what if(?![a-z])|假如|假设|加班工时|"
    r"行业(介绍|前景|分析报告|趋势)|这个行业|(?<![a-z])tasks?(?![a-z])|待办事项|"
    r"中位数|(?<![a-z])median(?![a-z])|"
    r"货款|顾客|食客|会员|外卖|回款计划|收款计划|(collection|payment) plan|经营计划|工作计划|"
    # churned clients counted, letters written, a colleague's own reports and onboarding, a client's bills and drivers
    r"走了(几|多少)家|(几|多少)家客户走了|(没交|未交|迟交)的?(周报|日报)|述职|"
    r"电费|水费|燃气费|房租|物业费|话费|(cash|money) (went|going|flowed) out|cash out|终止了|"
    r"欠[^，,。我们]{0,4}(快递公司|供应商|银行|房东|物流公司|税务局|别人)|开给我们|we (have )?been invoiced|"
    r"服务项目|融资|(?<![a-z])themselves(?![a-z])|赶紧(交|付|还)|尽快(交|付|还)|经营异常|异常名录|失信|被执行|"
    r"大众点评|美团点评|online reviews?|business plan|(在)?网上[^，,。]{0,4}差评|网络差评|网友|"
    # prepayments, refunds, a parent company, payslips, a levy the calendar does not keep, colleagues as clients
    r"预付(账款|款)?|预收(账款|款)|退(给|还)客户|给客户退款|(?<![a-z])refunds?(?![a-z])|parent company|母公司|子公司|"
    r"工资条|payslips?|残保金|残疾人就业保障金|工会经费|(没|未)联系[^，,。]{0,4}的?同事|"
    r"ca证书|数字证书|税控(盘|设备)|(?<![a-z])u ?key(?![a-z])|跳槽|(?<![a-z])(unicorns?|state[- ]owned)(?![a-z])|"
    r"(?<![a-z])suppliers?(?![a-z])|税额|缺(什么|啥|哪些)?货|店铺|网店|(?<![a-z])(shopify|amazon|shopee|lazada|ebay)(?![a-z])|"
    r"亚马逊|天猫|淘宝|拼多多|自动续(约|签|费)|auto[- ]?renew|合资|(?<![a-z])(jvs?|joint ventures?)(?![a-z])|"
    r"离职风险|(员工|同事)[^，,。]{0,6}(离职|流失)|"
    r"segment (our |the )?(staff|colleagues|team|employees|accountants)|"
    r"(我|我们|咱们?|所里|本所|我司)还?(现在)?(总共|一共)?欠(着)?客户|我欠谁|我(自己|个人)[^，,。]{0,4}欠|欠谁的钱|入职材料|"
    r"房贷|车贷|车险|保单|上班|出勤|考勤|请假|(几|多少)个(新)?同事|新来了?(几|多少)个?(同事|员工|人)|"
    r"losing my job|lose my job|被裁|裁员|(?<![a-z])fired(?![a-z])|(top \d+|top|which) services|"
    r"services? by (margin|revenue|profit)|(我们|咱们)?(做|弄)(好|完)了(吗|没)|payroll deadline|"
    r"my own (paperwork|documents|timesheets?)|司机|"
    r"(with|has|have) the (most|fewest|largest number of) (employees|staff|workers)|"
    r"(信用等级|信用评级)\s*(为|是)?\s*[e-z](?![a-z])|银行信用|"
    r"(?<![a-z])projects?(?![a-z])|新招|招了|招聘|"
    r"bills? (we|i) (received|got|paid)|received bills|"
    r"宣传资料|营销资料|入职资料|宣传册|(我们|本所|所里|咱们)[^，,。]{0,6}工资表|楼下|隔壁|附近的|"
    r"bank account|银行账号|银行账户|银行卡|开户行|自身营业|菜品|"
    r"(their|its) own (turnover|revenue|sales|products|margins?)|"
    r"退税.{0,4}到账|(要|能|可以|申请)退税|按(收款)?银行|(?<![a-z])by bank|new hires?|新员工|"
    # what the firm pays or receives as a buyer, a colleague's own card, the bot's memory, handling times
    r"(?<![对回])应付(?!给我们)|(?<![a-z])money out(?![a-z])|outflows?|出账|收票|corporate card|credit card|信用卡|"
    r"waiting (on|for) .{0,20}from us|自己开(了)?[^，,。]{0,4}票|(将要|即将|快要|马上要)逾期的客户|"
    r"(number|count) of ([a-z]+ )?(staff|employees|colleagues)|"
    r"税务信用|海关信用|customs (credit|rating)|处理时长|响应时间|处理时间|response time|"
    r"what did i (ask|say)|我(昨天|刚才|之前|上次)问(了|过)?你|"
    # a balance at a past date ("as of last Friday")
    r"(?<![a-z])as (of|at) (last|yesterday|the end of|end of|\d|(mon|tues|wednes|thurs|fri|satur|sun)day)|"
    r"(员工|同事)[^，,。]{0,6}(离职|辞职)")
# a letter or a report to write ("帮我写封催款邮件给Acme", "把11月经营情况写成汇报稿"): not the book's, and no context
# clause to drop — the question is the writing
WRITING = re.compile(r"写(一)?封|写个?(邮件|信)|(?<![a-z])(write|draft) (an? |the )?(email|letter|reminder)|"
                     r"写成.{0,4}(稿|报告|邮件|文章|材料)|汇报稿|发言稿|讲话稿")
# the bot itself and its data ("你这边的数据截止到哪一天", "where does this bot get its numbers from")
META = re.compile(r"(你这边|你们这边|你|bot|机器人)的?(数据|numbers?|data)|你能保证|准不准|(是|算)(准|对)的吗|"
                  r"(where|how) does (this|the) bot get|the .{1,30} you show|(你|bot)(能|可以)(改|修改|删)|"
                  r"数据(截止|更新)|(data|numbers) (as of|updated)")
# money in another currency ("逾期超过一万美元的客户"): the book keeps yuan
CURRENCY = re.compile(r"美元|美金|港币|港元|欧元|日元|英镑|外币|"
                      r"(?<![a-z])(usd|us dollars?|hkd|eur|euros?|gbp)(?![a-z])|"
                      r"\$\s?\d")
EXCHANGE_RATE = re.compile(r"汇率|中间价|兑|exchange|(?<![a-z])rate(?![a-z])")  # a rate asked for: not the book
# a time of day ("今天上午收到多少款", "how much came in this morning"): the book keeps dates
TIME_OF_DAY = re.compile(r"(今天|昨天)?(上午|下午|晚上|早上|中午)的(经营|回款|开票|收款|情况|数据|业绩)|"
                         r"(上午|下午|晚上|早上|中午|凌晨|傍晚)[^，,。]{0,3}"
                         r"(收到|收了|到账|进账|回款|回了|开了?.{0,2}票|签了|付了|打过来)|(\d+|[一二两三四五六七八九十]+)点(以后|之后|以前|之前)|"
                         r"(came in|received|collected|invoiced|paid in|arrived) .{0,10}(this morning|this afternoon|"
                         r"this evening|last night)")
# a remark, not a question ("长青又拖款了，真是好客户啊", "哦，原来逾期六十天以上的有这么多")
REMARK = re.compile(r"真(是|的是)?(好|厉害|牛|可以|行|棒)[^，,。?？]{0,6}[啊呀哈吧]\s*$|原来.{0,24}(这么|那么)(多|少)|"
                    r"按你说的|^好吧[，,]")
# how many of something the book keeps no count of: contracts, payments, complaints, invoices, documents
ITEM_COUNT = re.compile(r"(?<!哪)(几|多少)(笔|次)(?!数)|(?<![其名层])次数|(?<!哪)(几|多少)份(合同|协议)|"
                        r"(合同|协议|签约)的?总?份数|张数|笔数|(合同|协议)[^，,。？?]{0,4}(?<!哪)(几|多少)份|"
                        r"(?<!哪)(几|多少)个(合同|协议)|(合同|签约)(数|数量)(?!据)|收到(了)?(几|多少)份|签了?(几|多少)单|"
                        # a threshold on a number of times or items ("逾期超过3次", "3笔以上"): no list filters by it
                        r"(超过|多于|大于|不止|少于|不到|不足|满|至少)\s*(\d+|[一二两三四五六七八九十]+)\s*(次|回|笔|份|张)|"
                        r"(\d+|[一二两三四五六七八九十]+)\s*(次|回|笔|份|张)(以上|以下|或以上|及以上)|"
                        r"(invoice|payment|complaint) count|(number|count) of ([a-z]+ )?(invoices|payments|complaints|"
                        r"contracts)|(几|多少)(家|个)客户[^没未不逾]{0,3}(回了?款|付了?款|打了?款|还了?款)|"
                        r"(最多|最大|最高)的(几|\d+|[一二两三四五六七八九十]+)张|(几|多少)个?项目|"
                        r"how many (invoices|payments|complaints|contracts|times)|(number|count) of ([a-z]+ )?bills|"
                        r"(发票|单据|合同)数(?!据)|(一共|总共)?(多少|(?<!哪)几)张(?!表)|"
                        r"(未交|没交|缺)的?(资料|材料)的?(份数|有?几份|有?多少份)")  # only late ones are counted
LATE = re.compile(r"逾期|超期|过期|迟交|晚交|过了截止|late")
DOCUMENTS = re.compile(r"资料|材料|单据|票据")
# a share as a threshold ("毛利率超过百分之三十的客户", "margin above 30%"): no family filters by a percentage
_PERCENT = r"(百分之[零〇一二两三四五六七八九十百点]+|\d+(\.\d+)?\s*(%|％|percent))"
PERCENT_LIMIT = re.compile(rf"(超过|高于|大于|低于|小于|不低于|不高于|不到|不足|至少|达到|"
                           rf"more than|over|above|below|under|at least|less than|>|<)\s*{_PERCENT}|"
                           rf"{_PERCENT}\s*(以上|以下|以内|or (more|less|above|below))")
# who may see what ("can Alice see Qin Xia's clients"): permissions are settings, not the book
PERMISSION = re.compile(r"(can|could) Ⓢ (see|view|access)|Ⓢ\s*(能|可以|有没有权限|有权限?)(看|查看|访问)|"
                        # a colleague's manager: the book keeps owners, not who reports to whom
                        r"Ⓢ\s*'?s? (manager|boss|supervisor|team lead|mentor)(?![a-z])|"
                        r"Ⓢ\s*的?(领导|上级|上司|组长|师傅)|"
                        # what a colleague personally owes the firm ("建哥一共欠公司多少"): not a client's debt
                        r"Ⓢ\s*(自己|个人)?\s*(一共|总共|还|目前|现在)?\s*欠(了)?\s*(公司|所里|我们|单位|本所)")
# a place in a rank asked for ("秦霞回款率排全所第几"): the boards rank, they do not say one place; no list is
# ranked by how long a debt has been owed ("拖欠时间最长的五家")
RANK_PLACE = re.compile(r"排(名|在)?(全所|全公司|团队里?|所里)?第几|第几名|what (rank|place)|which place|"
                        # clients ranked by what they cost us: no ranking family sorts by cost
                        r"(服务)?成本(最高|最低|最多|最少)的?[^，,。]{0,4}(家|个|位)?客户|"
                        r"(highest|lowest|most) (service )?cost|"
                        # ranked by how long
                        r"(拖欠|逾期|欠款|账龄)(的)?(时间|天数)最(长|久|多)|(拖|欠)(得|了)?(我们|咱们|公司)?(钱)?最久|"
                        r"(overdue|outstanding|owed) (the )?longest|longest (overdue|outstanding)|"
                        r"(交|付|回款|付款|还款)得?最(快|慢|及时|早|晚)|(差评|投诉|complaints?)最多|"
                        r"most (complaints|bad reviews)")
# an exact number of days or a range of them ("逾期正好半年", "逾期一到三个月之间"): thresholds are one-sided
EXACT_OR_RANGE = re.compile(r"(正好|恰好|刚好|整整|exactly) ?(\d|[一二两三四五六七八九十半])|"
                            r"(?<![\d.])(\d+|[一二两三四五六七八九十]+)\s*(到|至|~|-)\s*(\d+|[一二两三四五六七八九十]+)\s*"
                            r"(个月|天|日|周)\s*(之间|以内)?(?!.{0,12}(账龄|分段|段))|between \d+ and \d+ days")
# a way of doing something asked for ("高价值低忠诚的客户用什么办法留住"): advice, not the book
HOW_TO = re.compile(r"(用|有)什么(办法|方法|招)|怎么(留住|挽回|拉回)|how (do|can|should) (we|i) (keep|retain|win)")
# a grain no trend or breakdown has: weeks and years ("每周收款走势", "开票金额逐年列出来")
GRAIN = re.compile(r"(每|按|逐|分)周(?![一二三四五六日天末])|周度|weekly|by week|per week|week by week|"
                   r"(按|逐|分)(天|日|小时)(?!数)|每小时|daily|hourly|by (day|hour)|per (day|hour)|day by day|"
                   r"逐年|按年(?!初|底|末|申报|报)|分年度|年度(走势|趋势)|"
                   r"year by year|by year(?![ -]end)|per year|yearly|annual trend")
# documents missing but not yet late ("资料没交但还没过截止日的客户"): no list keeps that side
NOT_YET_LATE = re.compile(r"(还)?(没|未)(过|到)(截止|期限|deadline)|not (yet )?(late|past (the|their) deadline)|"
                          r"before (the|their) deadline")
# documents by their kind ("逾期未交资料按资料类型统计"), money by how it was paid: no breakdown has that dimension
NO_SUCH_DIMENSION = re.compile(r"(资料|材料|单据)[^，,。]{0,8}(按|分)[^，,。]{0,4}(类型|种类|类别)|"
                               r"by (document|doc) (type|kind)|(按|分)(收款|付款|支付|到账)(方式|渠道)|"
                               r"by payment (method|channel)")
# two lists asked at once: "overdue 客户名单同 VIP 名单一齐发我"
TWO_LISTS = re.compile(r"(名单|清单|list)\s*(同|和|跟|与|及|加上?|还有|and)\s*.{1,12}?(名单|清单|list)|"
                       # "业绩和概况一起发我", "最低的五家和风险客户都列出来"
                       r"((?<!合)同|和|跟|与|及(?!以[上下]))\s*[^，,。]{1,12}?(一起|一块儿?|一并)(发|给|列|拉|导)|"
                       r"(和|跟|与|及(?!以[上下]))[^，,。]{1,12}?都(列|拉|导)出来")


def outside_book(text: str, masked: str) -> str | None:
    """Why the book cannot answer this question, or None; `masked` is the classifier's view (clients as Ⓒ)."""
    if PERCENT_LIMIT.search(text):
        return "unsupported:threshold"
    if (CURRENCY.search(text) and not EXCHANGE_RATE.search(text)) or TIME_OF_DAY.search(text):
        return "unsupported:filter"
    if META.search(text):
        return "out_of_scope"
    if WRITING.search(text):
        return "out_of_scope:writing"
    if REMARK.search(text):
        return "chitchat"
    if CLIENT_OWN.search(masked) or NOT_KEPT.search(text) or PERMISSION.search(masked) \
            or ("员工工资" in text and "Ⓒ" not in masked):  # the firm's payroll; a client's payroll sheet is a document
        return "out_of_scope"
    counted = ITEM_COUNT.search(text) and not (LATE.search(text) and DOCUMENTS.search(text))  # late ones are counted
    if NOT_YET_LATE.search(text) and DOCUMENTS.search(text):
        return "negation"
    if NO_SUCH_DIMENSION.search(text):
        return "unsupported:breakdown"
    if counted or RANK_PLACE.search(text) or GRAIN.search(text) or EXACT_OR_RANGE.search(text):
        return "unsupported:metric"
    if HOW_TO.search(text):
        return "out_of_scope"
    if CHANGE_REQUEST.search(text):
        return "action"
    if TWO_LISTS.search(text):
        return "two_questions"
    return None
