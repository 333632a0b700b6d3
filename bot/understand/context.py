"""The clause that only gives a question its context ("明天开会要用", "for the board meeting tomorrow",
"季度会上要报：", "meeting Acme tomorrow —"): taken off before the question is read again, carrying the client,
colleague or city it named when the question points back at it ("他们", "她名下", "那边", "their")."""

from __future__ import annotations

import re

from bot.understand.text import Scan, normalize
from domain.queries import Query

# a clause that says why or when the asker needs the answer ("明天开会要用", "下午要去拜访", "for the board meeting
# tomorrow", "before my call") — its time words date the meeting, not the question
_CONTEXT_ZH = re.compile(r"(明天|明儿|今天|今儿|后天|下午|上午|晚上|待会儿?|一会儿?|等下|回头|月底|月初|"
                         r"周[一二三四五六日末]|"
                         r"季末|季度末|年末|年底|"
                         r"月结|结账|关账|"
                         r"下周|下个?礼拜|下个?月|周末前|马上|month[- ]end|quarter[- ]end)[^，,。；;!！?？]{0,8}"
                         r"(开会|开.{0,6}会|要用|用|要去|去|要来|来所|来公司|接手|催|汇报|见|拜访|对账|对(?!比)|出差|交|报|过来|约|谈|结账|关账|打电话|打给|"
                         r"请假|休假|不在|调去|调到|调走|离职|交接|搬|处理完|搞定|挨个|逐个|一个个|reach out|push)|"
                         # who needs it for what ("审计要用", "KPI review 要用", "deck 里要放", "月会要 present")
                         r"(要|得|需要)\s*(用|放|参考|填|过一遍|汇报|讲|present|熟悉一下)[^，,。；;!！?？]{0,3}$|"
                         # a plan of the asker's ("我琢磨要不要涨价", "明年报价想往上调调")
                         r"(琢磨|打算|准备|想)[^，,。；;!！?？]{0,8}(涨价|调价|报价|上调|往上调|谈续约|回访|赔个不是)|"
                         r"^[^，,。；;!！?？]{0,6}(休年假|休假|请假|出差)(去)?了?\s*$|^\s*[她他](在)?(休年假|休假|请假|出差)|"
                         r"^[^，,。；;!！?？]{0,8}(要交接|再分|分给|转给|交给)[^，,。；;!！?？]{0,4}$|"
                         r"(我|老板|领导|前台|出纳|财务|经理|主管|合伙人|审计)[^，,。；;!！?？]{0,6}"
                         r"(要用|要看|开会|接手|汇报|做账|报税|对账|结账|对一下|排催款|催款|核对)")
# … or names the meeting or the document the answer goes into ("季度会上要报", "复盘PPT要一个数") — only when the
# clause asks nothing itself
_MEETING_ZH = re.compile(r"(季度|年度|月度|周)(会|例会|复盘|汇报|考核|总结|材料)|复盘|ppt|董事会|周会|例会|年会|"
                         r"周报|月会|"
                         r"deadline|述职|"
                         r"(合伙人|老板|领导)(会议?|大会)(要|上)|"
                         r"(合伙人|老板|领导)(要|想|问)")
_MEETING_EN = re.compile(r"^\s*(quarter|month|year)[- ]?end (check|review|close|clean ?up)\s*$|"
                         r"^\s*(i m |im |i am |we re |were )?(meeting|seeing|visiting|calling|having a call with|"
                         r"lunch with)(?![a-z]).*(tomorrow|today|tonight|later|at \d|this (morning|afternoon|evening)|"
                         r"next week|on \w+day)|(review|meeting|call|presentation) is (tomorrow|today|later|on \w+day)|"
                         r"^\s*(for|before) (the )?(quarterly |board |monthly |partners? )?(review|pack|board pack|"
                         r"meeting|call|deck|presentation)(?![a-z])|(the )?(partner|partners|boss|manager|director) "
                         r"(wants|needs|asked|asks) (to know|it|this|for it)")
# an English aside, before or after the question, that asks nothing itself ("prepping the collections huddle —",
# "heads up from the MP:", "fyi auditors are asking —", "…, she's out today", "…, need it for the weekly update")
_ASIDE_EN = re.compile(r"^\s*(prepping|preparing|prep|getting ready)(?![a-z])|"
                       r"^\s*(before|after) (i|we) (call|ring|meet|see|visit|email)(?![a-z])|"
                       r"^\s*(heads up|fyi|quick one|quick q|quick question|btw|context)(?![a-z])|"
                       r"(auditors?|partners?|the mp|boss|cfo|ceo|client|they|he|she) ?'? ?(is|are|s|re)? "
                       r"(asking|calling|coming in|coming over|visiting|in town)(?![a-z])|"
                       r"^\s*(partners?|the mp|boss|manager|auditors?) (want|wants|need|needs|asked)(?![a-z])|"
                       r"^\s*(need|needed) (it|this|them) (for|by|before)(?![a-z])|"
                       r"^\s*(want|wanted|going|need) to (send|call|chase|remind|email|reprice)(?![a-z])|"
                       r"^\s*(gonna|will|i ?ll|ill) (send|call|chase|remind|email|ping)(?![a-z])|"
                       r"(she|he|they|^\s*[a-z]+) ?'? ?(s|is|are|re) (out|away|off|on leave)(?![a-z])|"
                       r"^\s*(wdyt|thoughts)(?![a-z])|time to (reprice|renegotiate|chase)(?![a-z])|"
                       r"^\s*(collections?|ar|a r|month end|quarter[- ]?end) (sweep|huddle|push|blitz)\s*$|"
                       r"^\s*(meeting|call) in \d+ ?(min|mins|minutes)\s*$")
# a clause that gives the reason for asking ("因为上海鼎盛投诉了", "because Acme complained") and asks nothing itself
_REASON = re.compile(r"^\s*(因为|由于|because )")
# a clause that sets the one before it aside ("银行给长青的评级下调了，跟我们无关，…"): both are context
_DISCLAIMER = re.compile(r"^\s*(这|那)?(个|些|事)?(跟|和|与)(我们|咱们?|我|本所|我所)(都|也)?"
                         r"(无关|没关系|没啥关系|不相干|没有关系)(的)?\s*$|"
                         r"^\s*(这|那)(个|事)?(跟|和|与)(这|那)?(个|事)?(都|也)?(无关|没关系|不相干)\s*$|"
                         r"^\s*(这个|那个|这事|那事)?(先)?(不用|不要|别|不)管(它|他|那个|这个)?了?\s*$|"
                         r"^\s*(跟|和|与)(这|那)(个|事)(无关|没关系)\s*$|^\s*(not our (problem|concern)|unrelated)\s*$")
# news someone brought, reported ("长青上周说资金紧张要晚点付", "刚才秦霞在群里说Acme那边换了对接人")
_REPORTED = re.compile(r"^[^，,。]{1,14}(?<![听据])(说|讲|提到|反映|表示)(?![明过的])")
# a clause about a client, colleague or place already dealt with or left for later ("上海鼎盛刚付清了",
# "Acme的资料我查过了", "深圳的名单我有了", "王芳的上午已经算过了", "成都鼎盛下次再问", "长青的好评很多")
_SETTLED = re.compile(r"^(?!.*(如果|要是|假如|假设|万一|(?<![a-z])if ))"
                      r".*(查过了?|看过了?|算过了?|问过了?|核过了?|对过了?|(我|已经)有了|付清了|结清了|"
                      r"(下次|回头|改天|以后)再(问|说|看|查)|先不(问|看|查)|好评(很|挺|蛮)?多)\s*$")
# a clause that only says what is not asked ("不是签约额", "王芳的不用", "名单不用给", "not AP", "I don't need totals")
_NOT_LEAD = r"不是|并不是|而不是|并非|not |rather than |i don'?t need|no need for"  # opens a clause that asks nothing
_NOT_THIS = re.compile(r"^\s*(" + _NOT_LEAD + r"|不光是|不只是|(不要|不用)(?![查看问算麻了])|别给)|"
                       r"(?<!是)(不是|而非)[^，,。]{1,8}$|"
                       r"(不用|不要|不算|不管|不看|不用看|先不看|不需要|就不用了|免了|不用给|不用管)了?\s*$|以外的不算")
_NOT_THIS_LEAD = re.compile(r"^\s*(" + _NOT_LEAD + r")|(?<!是)不是[^，,。]{1,8}$")
# a clause that sets a subject aside itself ("会上说逾期的事先放一放")
_SET_ASIDE = re.compile(r"的事(先|暂时|暂且)(放一放|放放|搁一搁|不提|不管|别管)了?\s*$")
_ASKS = re.compile(r"多少|哪|几|谁|吗|什么|怎么|\?|？|(?<![a-z])(how|what|which|who|list|show|pull|give)(?![a-z])")
_CONTEXT_EN = re.compile(r"(?i)\s*(for|before|at|during|ahead of) (the|my|our|a|this|"
                         r"(tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday)['’ ]?s)( [a-z0-9]+){0,3} "
                         r"(meeting|call|review|presentation|report|catch[- ]?up|pack|deck)"
                         r"( (tomorrow|today|tonight|this afternoon|this morning|later|on \w+day))?|"
                         # "before my 3pm", "before the 10am call": a time of day, the asker's appointment
                         r"\s*(before|by|ahead of) (my|the|our) \d{1,2}( \d\d)? ?(am|pm)( [a-z]+)?(?![a-z])")
# month-end close as the reason: "need it for close", "closing books tmrw", "for month-end"
_CLOSE_EN = re.compile(r"\s*(need(ed)? (it|this|them) |its )?(for|before) (the )?"
                       r"(month[- ]?end|eom|quarter[- ]?end|year[- ]?end|close|closing)"
                       r"( close| closing| reconciliation)?(?![a-z])|"
                       r"\s*closing (the )?books( (today|tomorrow|tmrw|tonight|this week))?(?![a-z])")
_CLAUSES = re.compile(r"[，,。；;!！:：—]|[?？](?=\s*\S)|--|\s-\s|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


# the question points back at the client (colleague, city) its context clause named ("下午要见华信科技，他们欠多少",
# "明天跟芳姐见客户，她名下…", "下周去成都出差，那边有哪些客户"), or has no subject
_BACK_REFERENCE = re.compile(r"他们|他家|她家|这家|该客户|该公司|这个客户|人家|"
                             r"[她他](?=名下|手上|手里|负责|那边|跟的|管的)|^(那边|那儿|那里)|"
                             r"(?<![a-z])(them|they|this client|that client)(?![a-z])")
_POSSESSIVE = re.compile(r"(?<![a-z])(their|her|his)(?= (clients?|customers?|accounts?|profile|client profile|"
                         r"balance|invoices?|documents?|health|contracts?|book|portfolio)(?![a-z]))")
_OWN_SUBJECT = re.compile(r"客户|公司|单位|[哪几]家|谁|(?<![a-z])(clients?|customers?|accounts?|which|who)(?![a-z])")


_PRONOUN_OWNER = re.compile(r"[她他](?=名下|手上|手里|负责的|那边|跟的|管的)|"
                            r"(?<![a-z])(her|his) (clients|customers|accounts|book|portfolio)(?![a-z])")


def unreferred_owner(text: str, query: Query) -> bool:
    """"她名下哪几家逾期了" with nobody named for 她 to be: whose clients is never dropped (nor the whole firm)."""
    owners = query.clients.owner_ids if query.clients else None
    return bool(_PRONOUN_OWNER.search(text)) and not owners and query.staff_id is None


# "先看下X，再…": a first step and what the asker does next ("再决定要不要停服务", "再我跟前台对一下账") — unless the
# next step asks something too ("先捋一下资料没交的，再看看谁逾期了": two questions)
_STEPS = re.compile(r"^\s*(?:先|首先)(?P<first>[^，,。；;]{2,}?)\s*[，,；;]\s*(?:再|然后|之后)(?P<then>.+)$")
_THEN_ASKS = re.compile(r"多少|哪|几|谁|吗|什么|看看?|查查?|捋|列|拉|问|瞅|也|报一?下|\?|？")


def first_step(text: str) -> tuple[str, bool] | None:
    """(the first step's question, whether the next step asks something too) of a two-step message; None otherwise."""
    steps = _STEPS.match(text)
    if steps is None:
        return None
    return steps.group("first"), bool(_THEN_ASKS.search(steps.group("then")))


def _is_context(clause: str) -> bool:
    plain = normalize(clause)  # "我听日去收": Cantonese for 我明天去收
    if _CONTEXT_ZH.search(clause) or _CONTEXT_ZH.search(plain):
        return True
    if (_REASON.search(plain) or _SET_ASIDE.search(clause) or _REPORTED.search(clause) or _SETTLED.search(clause)) \
            and not _ASKS.search(clause):
        return True
    aside = _MEETING_ZH.search(plain) or _MEETING_EN.search(plain) or _ASIDE_EN.search(plain)
    return bool(aside and not _ASKS.search(clause))


def without_context(text: str, names: tuple[str, ...] = (), kinds: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The question without the clauses that only give its context; None when there are none (or nothing else).
    `names`: the clients, colleagues and cities the whole message names — one named only in a context clause is the
    one the question asks about when the question points back at it or names no subject of its own; `kinds`: each
    client, colleague, place, tier, industry and tag it names, with its kind."""
    stripped = _CLOSE_EN.sub(" ", _CONTEXT_EN.sub(" ", text)).strip()
    clauses = [clause for clause in _CLAUSES.split(stripped) if clause.strip()]
    aside = {i - 1 for i, clause in enumerate(clauses) if _DISCLAIMER.search(clause)}
    kept = [clause for i, clause in enumerate(clauses)
            if not (_is_context(clause) or _DISCLAIMER.search(clause) or i in aside)]
    kept = _without_not_this(kept, kinds)
    question = "，".join(kept).strip()
    if not question or question == text.strip():
        return None
    dropped = normalize("".join(clause for clause in clauses if clause not in kept))
    plain = normalize(question)
    carried = [name for name in names if name in dropped and name not in plain]
    if not carried or any(name in plain for name in names):  # "上海鼎盛刚付清了，成都鼎盛呢": its own subject
        return question
    name = carried[0]
    if _BACK_REFERENCE.search(plain) or _POSSESSIVE.search(plain):
        return _POSSESSIVE.sub(f"{name} 's", _BACK_REFERENCE.sub(name, plain))
    return question if _OWN_SUBJECT.search(plain) else f"{name} {question}"


def _without_not_this(clauses: list[str], kinds: tuple[tuple[str, str], ...]) -> list[str]:
    """Drop the clauses that only say what is not asked — unless one excludes a client, colleague, place or group
    from a question that names none of its kind ("深圳客户有哪些，不是VIP的": a list without VIP, which no answer
    gives; "秦霞名下应收余额，王芳的不要" names the colleague asked about)."""
    def not_this(clause: str) -> bool:
        return bool(_NOT_THIS.search(clause)) and (bool(_NOT_THIS_LEAD.search(clause)) or not _ASKS.search(clause))

    rest = [clause for clause in clauses if not not_this(clause)]
    if not rest or len(rest) == len(clauses):
        return clauses
    said = normalize("，".join(rest))
    excluded = normalize("".join(clause for clause in clauses if clause not in rest))
    for kind, name in kinds:
        if name in excluded and not any(other in said for same, other in kinds if same == kind):
            return clauses
    return rest


def kinds_in(scan: Scan) -> tuple[tuple[str, str], ...]:
    """Each client, colleague, place, tier, industry and tag a message names, with its kind."""
    out = []
    for h in scan.hits:
        groups = [tag.split(".")[0] for tag in h.tags if tag.startswith(("region.", "tier.", "industry.", "tag."))]
        if h.kind == "client_name" or getattr(h.value, "clients", ()):
            kind = "client"
        elif h.kind == "staff_name" or getattr(h.value, "staff", ()):
            kind = "staff"
        else:
            kind = groups[0] if groups else ""
        if kind and (h.end - h.start > 1 or groups):
            out.append((kind, scan.text[h.start:h.end]))
    return tuple(out)


def named_in(scan: Scan) -> tuple[str, ...]:
    """The clients, colleagues and cities a message names (what a context clause may carry to its question)."""
    return tuple(scan.text[h.start:h.end] for h in scan.hits if h.end - h.start > 1 and (
        h.kind in ("client_name", "staff_name")
        or (h.kind == "term" and (getattr(h.value, "staff", ()) or getattr(h.value, "clients", ())))
        or any(tag.startswith("region.") for tag in h.tags)))


def client_ids(query: Query) -> set[int]:
    return set(query.clients.client_ids or ()) if query.clients else set()


def narrower(mine: Query, theirs: Query) -> bool:
    """`mine` is `theirs` without the client, tier or place only its context clause named (a place the client's name
    had swallowed — "因为上海鼎盛投诉了，上海的客户里…" — comes back as the question's own)."""
    if mine.clients == theirs.clients or mine.model_copy(update={"clients": theirs.clients}) != theirs:
        return False
    return client_ids(mine) <= client_ids(theirs)
