"""Questions that sound like the book but ask about something it does not keep (read by `gates.not_in_book`, after
the lists of readings.py).

The book holds the firm's clients as the firm sees them: what each owes the firm, its documents, contracts,
filings and contacts. It does not hold a client's own business (its customers, suppliers, sales and goods), when
a tag was earned, who replied, letters sent, or the firm's own affairs — and a request to change or delete a
record, asked politely as a question, is still a change.
"""

from __future__ import annotations

import re

# what follows 「<client>的客户」 and keeps it one of *our* words: 华信科技的客户档案, 深圳华信的客户健康度
_OUR_WORD = (r"档案|信息|资料|经理|画像|情况|编号|代码|负责人|联系人|健康|信用|评级|等级|价值|忠诚|类型|级别|"
             r"标签|分类|状态|名称|全称|卡片|卡|360|合同|概况|详情|全貌|明细|总览")
# a client's own counterparties: 长青物流的客户, 它的船东, 天成建筑的甲方, Acme's biggest customers, 欠华信科技
CLIENT_OWN = re.compile(
    rf"(Ⓒ|它|它们|他们家)\s*的\s*(客户|供应商|甲方|乙方|船东|股东|员工|下游|上游|买家|经销商)(?!{_OUR_WORD})|"
    r"(Ⓒ|its|their)\s*'?s?\s*(own |biggest |largest |top |main |key )*(customers|suppliers|vendors|buyers|"
    r"shareholders|employees)|"
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
    r"(我们|我司|本所|咱们?)(公司|所|事务所)自己的|"  # the firm's own
    r"(我们|我司|咱们?)自己的(健康|利润|收入|税|营收|成本|账)|"
    r"our (own )?(firm|company)'?s? own|"
    r"(毛利率?|利润|margin|profit)\s*(为负|是负的|小于0|<\s*0|negative)|"  # a sign filter
    r"(cash|money) spent|"
    r"(the )?(client\s*'?s?|their|its) bank(?! (statements?|transfers?|records?|slips?))|"
    r"christmas|圣诞")  # a date the book does not place
# two lists asked at once: "overdue 客户名单同 VIP 名单一齐发我"
TWO_LISTS = re.compile(r"(名单|清单|list)\s*(同|和|跟|与|及|加上?|还有|and)\s*.{1,12}?(名单|清单|list)")


def outside_book(text: str, masked: str) -> str | None:
    """Why the book cannot answer this question, or None; `masked` is the classifier's view (clients as Ⓒ)."""
    if CLIENT_OWN.search(masked) or NOT_KEPT.search(text) \
            or ("员工工资" in text and "Ⓒ" not in masked):  # the firm's payroll; a client's payroll sheet is a document
        return "out_of_scope"
    if CHANGE_REQUEST.search(text):
        return "action"
    if TWO_LISTS.search(text):
        return "two_questions"
    return None
