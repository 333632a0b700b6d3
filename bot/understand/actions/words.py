"""The words that make a sentence an action, per family, as regular expressions over normalised text.

`text.normalize` has already lower-cased, half-width-ed and stripped punctuation, so the patterns see
"收到明远贸易转账5000元" and "acme paid 3,600 today by bank transfer". Each family has a *trigger* (without it
the sentence is not that action); `ACTION_WORDS` are consumed before client names are looked up, so a verb
next to a name is not read as part of the name.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# -- not an action at all ---------------------------------------------------------------------------------
CONTROL = _rx(r"^(?:确认|确定|取消|算了|不用了|好的?|是的?|对|ok|okay|yes|no|cancel|confirm|y|n|好吧|嗯|行)$")
QUESTION_ZH = _rx(r"吗|嘛|什么|怎么|多少|哪些|哪个|哪家|哪位|哪里|哪天|哪几|(?<!过)几[个家笔张号天月位次条项]|"
                  r"是否|有没有|是不是|能不能|要不要|还是|呢$|如何|多久|谁")
QUESTION_EN = _rx(r"^(?:what|which|how|who|whom|whose|when|where|why|is|are|was|were|does|do|did|has|have|should|"
                  r"list|show|tell me|any)(?![a-z])")
POLITE_TAIL = _rx(r"(?:好吗|行吗|可以吗|可以不|好不好|行不行|谢谢了?|谢了|辛苦了?|thanks|thank you|pls|please)+$")
POLITE_HEAD = _rx(r"^(?:请你?|麻烦你?|帮忙|帮我|帮个忙|劳驾|烦请|can you|could you|would you|pls|please|kindly)+\s*")
# a thing asked about, not done: "华信科技付款情况", "收款记录", "Acme's payment history", "华信科技收到的款"
ABOUT = _rx(r"情况|记录|状态|历史|进度|明细|列表|清单|统计|汇总|(?:收到|付款?|到账|回款|转账|交|提交|续约|续签)的|"
            r"的(?:异议|争议)(?!\S*(?:解决|处理|撤))|(?<![a-z])(?:history|status|list|summary|details|records?)(?![a-z])")
# a breakdown's grouping ("按负责人统计逾期60天以上的金额", "各行业…"): a question by a dimension, never an action
GROUPED = _rx(r"(?:按|各|每个|每位|分)(?:客户)?(?:负责人|员工|会计|团队|组|行业|地区|城市|区域|等级|账龄|"
              r"服务类型|业务类型|纳税人类型|信用等级)")
NEGATION = _rx(r"没|未|别|不|(?<![a-z])(?:not|no|never|hasnt|havent|hadnt|didnt|dont|doesnt|wont|isnt|"
               r"arent|wasnt|yet to)(?![a-z])")
# negation-looking words that are part of an action
NEGATION_OK = _rx(r"不做了|不做|不合作了?|不再合作|不干了|不对|不符|不一致|不清楚|不认|有误|no longer|not happy|"
                  r"no 异议|不满意|不太满意|不错|不好|不行|不及时|不到位|未来|不用再催")

# -- the families' triggers ------------------------------------------------------------------------------
UNDO = _rx(r"^(?:撤销|撤回|撤消|回滚|撤了|undo|revert|roll ?back)(?![a-z])")
LOG_PREFIX = _rx(r"^(?:记一笔|记录一下|记一下|记下|记个|记录|登记一下|登记|备注一下|备注|补记|记|log|note)(?![a-z])"
                 r"(?:\s*(?:a|an|the)\s+(?=call|meeting|visit|email|wechat|chat))?")
FEEDBACK = _rx(r"反馈|评价|评分|打分|给了?\s*\d?\s*分|满意度|好评|差评|打星|(?<![a-z])(?:feedback|rated|rating|"
               r"rates|score|scored|stars?|review)(?![a-z])")
SCORE = _rx(r"(?<![\d/.])(?P<n>[1-5]|[一二两三四五])\s*(?:分|星|颗星|个星)(?:好评|差评)?"
            r"|(?<![a-z])(?:score|rated|rating|rates|"
            r"gave us|gave|scored)\s*(?:of|a|an|us|it)?\s*(?P<e>[1-5]|one|two|three|four|five)(?![\d.])"
            r"(?:\s*(?:/\s*5|out of 5|out of five|stars?|points?))?|(?<![\d/.])(?P<s>[1-5]|one|two|three|four|five)\s*"
            r"(?:/\s*5|out of 5|out of five|stars?)(?![a-z])|满分")
DISPUTE = _rx(r"异议|争议|有疑问|不认|金额不对|金额有误|金额不符|账单不对|账单有误|发票有误|发票有问题|数不对|对不上|"
              r"(?<![a-z])(?:dispute|disputes|disputed|disputing|contest|contests|contested|querying|queries the)"
              r"(?![a-z])")
RESOLVE = _rx(r"(?:异议|争议|问题)\S{0,6}(?:已|已经)?(?:解决|处理好|处理完|撤销|撤回|消除|澄清|没了|结束)"
              r"|(?:解决|撤销|撤回)\S{0,3}(?:异议|争议)"
              r"|(?<![a-z])(?:resolved|settled|withdrew|withdrawn|cleared|no longer disput)")
RENEW = _rx(r"续约|续签|续了|续费|续合同|续一年|续两年|续(?=[0-9一二两三]+年)"
            r"|(?<![a-z])(?:renew|renewed|renews|extended)(?![a-z])")
TALK = _rx(r"沟通|聊|谈|讨论|商量|问|咨询|电话|面谈|拜访|见面|(?<![a-z])(?:about|discuss|discussed|talk|talked|call|"
           r"called|meeting|asked)(?![a-z])")
TIER = _rx(r"(?P<vip>vip|重点客户|大客户|核心客户|重要客户)|(?P<high_risk>高风险|高危|风险客户|high\s*risk|risky)"
           r"|(?P<normal>普通客户|普通|一般客户|常规客户|normal|regular|standard)")
SET_VERB = _rx(r"标记|标为|标成|设为|设置|设成|改为|改成|改回|调为|调成|调整为|升级|升为|降为|降级|列为|归为|变成|变为|"
               r"作为|"
               r"(?<![a-z])(?:mark|marked|set|make|flag|flagged|change|changed|upgrade|upgraded|downgrade|"
               r"downgraded|move|moved|put|as)(?![a-z])")
TAG_WORD = _rx(r"标签|(?<![a-z])(?:tag|tags|tagged|label)(?![a-z])")
TAG_REMOVE = _rx(r"去掉|去除|删|移除|拿掉|取消|撤掉|摘掉|不要"
                 r"|(?<![a-z])(?:remove|removed|untag|drop|delete)(?![a-z])")
OWNER = _rx(r"转给|交给|移交|划给|分给|转交|改由|换成|换给|由\S{1,8}负责|负责人|给\S{1,8}负责|归\S{1,8}(?:负责|管)|"
            r"(?<![a-z])(?:(?:reassign|assign|transfer|hand|move|give)(?:ed|ned|red|d)?(?:\s+over)?"
            r"\s+(?:[a-z]+\s+){0,4}?to"
            r"|owner|owned by)(?![a-z])")
CHURN = _rx(r"不做了|不做|流失|停止合作|终止合作|不合作了?|不再合作|不干了|解约|走了|(?<![a-z])(?:churn|churned|"
            r"lost|no longer a client|stopped working|left us|leaving us|terminated)(?![a-z])")
REACTIVATE = _rx(r"恢复|重新合作|回来了|又回来|重新开始合作|重新签约|(?<![a-z])(?:reactivate|reactivated|active again|"
                 r"back to active|came back|is back|restore|restored)(?![a-z])")
DOC_WORD = _rx(r"资料|材料|单据|票据|凭证|文件|对账单|流水|回单|进项|销项|工资|报销|社保|发票|"
               r"(?<![a-z])(?:documents?|docs?|expenses?|claims|"
               r"reimbursements?|invoices|"
               r"paperwork|statements?|payroll|receipts|files)(?![a-z])")
RECEIVED = _rx(r"收到|收齐|收着|齐了|齐全|都齐|到了|到齐|交了|交齐|已交|已提交|提交了|交过来|发来|发过来了|发了|送来|"
               r"拿到|给了|传了|上传|寄来|寄到|都有了|(?<![a-z])(?:got|received|receive|came in|arrived|sent over|"
               r"sent in|sent us|submitted|all in|in hand|handed in)(?![a-z])")
CHASE = _rx(r"催|提醒|让\S{0,20}(?:发|交|提交|传|补|给)|叫\S{0,20}(?:发|交|提交|传|补)|跟\S{0,16}要|找\S{0,16}要|"
            r"要一下|(?<![a-z])(?:chase|chased|remind|nudge|follow up|ping|ask)(?![a-z])")
PAY_CHASE = _rx(r"催款|催钱|催付|催收|催缴|催一下款|催\S{0,8}(?:付款|回款|打款|交钱|结账|还钱)")
PROMISE = _rx(r"(?:说|答应|承诺|保证|表示|讲|回复|说好|约定|定了)\S{0,14}(?:付|转|打款|打钱|还|结清|结账|回款|汇)"
              r"|承诺付款|"
              r"(?<![a-z])(?:promised?|promises|will pay|ll pay|going to pay|commit(?:ted)? to pay|to pay by|"
              r"pay by|agreed to pay)(?![a-z])")
PAY_VERB = _rx(r"付|转(?=$|\d|[一二两三四五六七八九十])|"
               r"来款|进款|(?:款|钱)\S{0,2}到了|转账|转了|转来|转过来|打了(?!\S{0,2}电话)|打来|打过来|打款|汇|到账|收到|收了|结清|回款|进账|入账|交了|交费|缴|"
               r"(?<![a-z])(?:paid|pay|pays|payment|received|got|sent|transferred|wired|settled|remitted|cleared)"
               r"(?![a-z])")
FUTURE_PAY = _rx(r"(?:会|将|要|准备|打算|才能|再|就)\S{0,4}(?:付|转|打款|结|汇)|(?:付|转|打款|结)(?:清|完)?(?:吧|的)?$")
WORKFLOW = _rx(r"报税|纳税申报|申报|记账(?!合同)|做账|账务处理|资料交接|票据整理|报表出具|客户确认|归档|汇算|年报|"
               r"审计(?!合同)|注册|核名|税务登记|(?<![a-z])(?:bookkeeping|filing|annual report|registration)(?![a-z])")
LOGGED_ACT = _rx(r"了|过|今天|昨天|前天|上周|刚才|刚刚|(?<![a-z])(?:today|yesterday)(?![a-z])|"
                 r"(?<![a-z])(?:called|phoned|rang|emailed|mailed|met|visited|spoke|talked|chatted|"
                 r"discussed|wechatted|had)(?![a-z])")
MONEY_WORD = _rx(r"款|钱|费|元|块|¥|转账|汇款|(?<![a-z])(?:rmb|cny|yuan|payment|money|fee|fees)(?![a-z])")
CHANNEL = _rx(r"(?P<phone>打了?(?:个|一个|通)?电话|电话|通话|通了?电话|来电|致电|(?<![a-z])(?:call|called|calls|phone|"
              r"phoned|rang|ring)(?![a-z]))"
              r"|(?P<wechat>微信|wx|(?<![a-z])(?:wechat|wechatted|wechated|wechat chat)(?![a-z]))"
              r"|(?P<email>邮件|邮箱|email|emailed|e mail|mail|mailed)"
              r"|(?P<meet>面谈|见面|拜访|上门|见了|碰面|开会|会面|当面|去\S{1,10}(?:聊|谈|坐|开会)|来\S{0,4}公司|"
              r"(?<![a-z])(?:met|meet|meeting|visit|visited|in person|face to face|lunch|dinner)(?![a-z]))")
TALK_VERB = _rx(r"沟通|聊|谈|讨论|商量|联系|通话|拜访|面谈|见面|开会|说了|问了|(?<![a-z])(?:spoke|talked|chatted|"
                r"discussed|met|called|emailed|visited|call|meeting)(?![a-z])")
METHOD = _rx(r"(?P<bank>银行转账|对公转账|对公|银行汇款|银行|电汇|网银|(?<![a-z])(?:bank transfer|bank|wire|wire "
             r"transfer)(?![a-z]))|(?P<transfer>转账|汇款|(?<![a-z])(?:transfer|transferred|wired)(?![a-z]))"
             r"|(?P<wechat>微信|(?<![a-z])wechat(?: pay)?(?![a-z]))|(?P<alipay>支付宝|(?<![a-z])alipay(?![a-z]))"
             r"|(?P<cash>现金|(?<![a-z])cash(?![a-z]))|(?P<check>支票|(?<![a-z])(?:cheque|check)(?![a-z]))")
METHODS = {"bank": "银行转账", "transfer": "银行转账", "wechat": "微信", "alipay": "支付宝", "cash": "现金",
           "check": "支票"}
# "让华信科技把营业执照发过来": an item nobody requested yet, named by what is to be sent
NEW_ITEM = _rx(r"把(?P<item>[\u4e00-\u9fff0-9a-z]{2,16}?)"
               r"(?:发过来|发给我|发我|交上来|交过来|传过来|传上来|补上|补一下|补发|寄过来|寄来|提供一下|提供)")
ALL_ITEMS = _rx(r"都齐了|都齐|齐了|收齐|交齐|到齐|齐全|全部|全都|都交了|都收到|都到了|所有|全套"
                r"|(?<![a-z])(?:all|everything|complete)(?![a-z])")


# Verbs and set phrases consumed before names are looked up (never part of a client's name), longest first.
ACTION_WORDS = _rx(
    r"记录一下|登记一下|备注一下|提醒一下|停止合作|记一笔|记一下|收到了|到账了|支付了|已支付|"
    r"已续约|续约了|续签了|标记为|标记成|设置为|移交给|负责人|催一下|发过来|交过来|有异议|"
    r"已解决|都齐了|不做了|打电话|收到|收了|到账|已付|付了|付过|转账|转了|转来|打款|汇款|"
    r"结清|付清|续约|续签|标记|标为|设为|改为|改成|转给|交给|负责|提醒|发来|异议|承诺|答应|"
    r"付款|齐了|流失|反馈|评价|打分|电话|微信|邮件|面谈|拜访|见面|沟通|聊了|一下|催|说"
)


def action_words() -> re.Pattern[str]:
    return ACTION_WORDS
