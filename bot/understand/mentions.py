"""Which clients and colleagues a question names — exactly, with a slip, or ambiguously.

After the keyword walk, a client name can be: an exact alias (one client, or several equally
strong — "天成"); an alias with a neighbouring region/industry word that together are not a known
name ("北京天成", "华信科技" where only 华信贸易 exists); or text nothing explained, possibly next to
region/industry words ("上海鼎胜贸易", "Pionner"). Such runs of adjacent pieces are tried as one
name with rapidfuzz (at most one wrong, missing, extra or swapped character; two in a long name);
a match is taken when one client is closest, else every client that matched as closely is a
candidate and the bot asks back. Candidates the asker may not see are never shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from bot.understand.classify import model
from bot.understand.entities import EntityIndex, Term
from bot.understand.names import pinyin_syllables, staff_aliases
from bot.understand.text import Hit, Scan, has_cjk, is_cjk
from domain.scope import Viewer

NAME_PARTS = ("region.", "industry.")


@dataclass
class Mentions:
    clients: list[int] = field(default_factory=list)  # resolved, in order of appearance
    candidates: list[int] = field(default_factory=list)  # an ambiguous name: ask back
    staff: list[int] = field(default_factory=list)
    unresolved_name: bool = False  # something name-like that matched no client
    unresolved_staff: bool = False  # a colleague's name with a slip that two colleagues' names are as close to


def resolve_mentions(scan: Scan, index: EntityIndex, viewer: Viewer) -> Mentions:
    out = Mentions()
    _resolve_staff_slips(scan, index, out)
    for chunk, lead in _chunks(scan):
        unresolved = out.unresolved_name
        if _resolve_chunk(scan, index, viewer, chunk, out):
            continue
        if lead is not None and _resolve_glued(scan, index, viewer, [lead, *chunk], out):
            out.unresolved_name = unresolved  # the run was a name after all
        elif len(chunk) > 1 and " " in scan.text[chunk[0].start:chunk[-1].end]:
            for piece in chunk:  # "pionner paid": the words one by one, as when they were not spaced together
                _resolve_chunk(scan, index, viewer, [piece], out)
    for hit in scan.of_kind("term"):
        term: Term = hit.value  # type: ignore[assignment]
        if term.staff and not _client_wins(term) and not SPEAKER.match(scan.text[hit.end:]) \
                and not RECIPIENT.search(scan.text[:hit.start]):
            if _other_surname(scan, index, hit, term.staff):
                out.unresolved_staff = True  # "Alice Wang" when the firm's Alice is Alice Chen
                continue
            out.staff.extend(sid for sid in term.staff if sid not in out.staff)
    return out


def _other_surname(scan: Scan, index: EntityIndex, hit: Hit, staff: tuple[int, ...]) -> bool:
    """A colleague's English first name followed by a surname that is not theirs."""
    said = scan.text[hit.start:hit.end]
    after = re.match(r" ([a-z]{2,})(?![a-z])", scan.text[hit.end:])
    if " " in said or not said.isascii() or after is None or not scan.is_free(hit.end + 1, hit.end + 1 + len(after[1])):
        return False
    word = after[1]
    return not model().knows(word) and all(word not in index.staff_names[sid].lower() for sid in staff)


STAFF_CONTEXT = re.compile(r"^(那边|那儿|这边|手上|手里|名下|负责|管的|跟的|的客户|的逾期|的vip|的资料|有几|有多少"
                           r"|一共)")

# the colleague who asks or wants the answer, not whose clients ("杜总在群里问…", "…，杜总要")
SPEAKER = re.compile(r"^\s*(在?(群|钉钉|企微|企业微信|微信|电话|会)\s*(上|里)?|刚才|刚刚)?\s*"
                     r"(问|说|让我|要我|叫我|交代|吩咐)"
                     r"|^\s*(急)?(要|要看|想看|等着要|等着看)\s*(的|呢|了)?\s*$"
                     # the colleague spoken to ("杜总您好，我是新来的…", "杜总，我刚来…"): the asker is someone else
                     r"|^\s*(您好|你好|早上好|下午好|晚上好|早|辛苦了?)|^\s*我(是|刚|想|这边|问)")
# the colleague the answer goes to ("账龄分析发我一份 要给杜总"), not whose clients
RECIPIENT = re.compile(r"(要给|发给|报给|拿给|送给)\s*$")  # not 转给/交给: a stage handed to a colleague (workflows)
# a role, not a name: "前台那边要对一下" is the front desk
ROLES = frozenset({"前台", "出纳", "财务", "老板", "经理", "主管", "行政", "人事", "销售", "客服", "合伙人", "领导",
                   "所长"})
_NOT_NICKNAMES = frozenset({"小时", "老板", "小组", "老师", "小姐", "小计", "老是", "阿姨"})  # 小/老 words, no nickname
PRONOUNS = frozenset({"本人", "自己", "我们", "大家", "他们", "她们", "咱们", "各位"})  # never a colleague's name
STAFF_OWNED = re.compile(r"^(那边|手上|手里|名下|负责的|负责了?几|负责了?多少|负责哪)")
TITLED = re.compile(r"^(会计|经理|老师|总|姐|哥|主管|助理|女士|先生)")  # how a colleague is called by surname: 张会计


def _resolve_staff_slips(scan: Scan, index: EntityIndex, out: Mentions) -> None:
    """"王方那边", "秦侠手上几家": unexplained text that sounds like a colleague's name (same pinyin), or is one
    character off a three-character one followed by 那边/手上/负责…, is that colleague — never silently dropped.
    One character off a two-character name (half of it: 王强 is not 王芳), or as close to two colleagues: asked
    back (the reply offers the closest names)."""
    for start, end in scan.residue():
        run = scan.text[start:end]
        if (called := _nobody_called(scan, index, start, end)) is not None:
            out.unresolved_staff = True  # a colleague nobody in the firm is: asked, never the whole firm
            scan.take(start, called, "staff_name")
            continue
        if not all(is_cjk(ch) for ch in run) or not 2 <= len(run) <= 3 or run in ROLES or run in PRONOUNS:
            continue
        found = [sid for sid, name in index.staff_names.items() if _sounds_like(run, name)]
        if not found and STAFF_CONTEXT.match(scan.text[end:]):
            found = [sid for sid, name in index.staff_names.items() if _one_slip(run, name)]
            if len(run) < 3:
                found *= 2  # never taken, only asked back
        if len(found) == 1:
            out.staff.append(found[0])
            scan.take(start, end, "staff_name")
        elif not found and index.homophone_clients(run):
            continue  # "合丰那边还欠多少": a client's name typed by its sound (和丰), not a colleague nobody knows
        elif found or STAFF_OWNED.match(scan.text[end:]):
            out.unresolved_staff = True  # "张伟那边…" with no 张伟 in the firm: asked, never the whole firm
            scan.take(start, end, "staff_name")


def _nobody_called(scan: Scan, index: EntityIndex, start: int, end: int) -> int | None:
    """Where a way of calling a colleague the firm does not have ends: an English name before 名下/手上
    ("Kevin名下"), a surname with a title ("张会计负责…"), a nickname ("阿强的客户"); None when it is no such call."""
    run, after = scan.text[start:end], scan.text[end:]
    names = index.staff_names.values()
    if re.fullmatch(r"[a-z]{3,}", run.strip()) and STAFF_OWNED.match(after.lstrip()) and not model().knows(run.strip()):
        return end
    titled = TITLED.match(after)
    if len(run) == 1 and is_cjk(run) and titled and STAFF_CONTEXT.match(after[len(titled.group()):]) \
            and not any(name.startswith(run) for name in names):
        return end + len(titled.group())
    if len(run) == 2 and run[0] in "阿老小" and is_cjk(run[1]) and run not in _NOT_NICKNAMES \
            and STAFF_CONTEXT.match(after) and not any(run[1] in name for name in names):
        return end
    return None


def _sounds_like(run: str, name: str) -> bool:
    """The name, or how colleagues call its owner ("方姐" for 芳姐), typed with characters of the same sound."""
    return has_cjk(name) and any(len(run) == len(form) and pinyin_syllables(run) == pinyin_syllables(form)
                                 for form in (name, *_nicknames(name)))


@cache
def _nicknames(name: str) -> tuple[str, ...]:
    return tuple(alias for alias in staff_aliases(name) if has_cjk(alias) and alias != name)


def _one_slip(run: str, name: str) -> bool:
    return len(run) == len(name) and has_cjk(name) and sum(a != b for a, b in zip(run, name, strict=True)) == 1


def _client_wins(term: Term) -> bool:
    """A surface that is both a colleague's name and a client alias: the client only if the alias is strong."""
    return bool(term.clients) and max(strength for _, strength in term.clients) >= 2


def _is_client_hit(hit: Hit) -> bool:
    term = hit.value
    return hit.kind == "term" and isinstance(term, Term) and bool(term.clients) and (
        not term.staff or _client_wins(term))


def _is_name_part(hit: Hit) -> bool:
    return hit.kind == "term" and any(tag.startswith(NAME_PARTS) for tag in hit.tags) and not any(
        tag.startswith("cue.") for tag in hit.tags)


def _is_glue(hit: Hit) -> bool:
    return hit.kind == "term" and hit.tags == frozenset({"filler"}) and len(hit.surface) == 1 and is_cjk(hit.surface)


@dataclass
class _Piece:
    start: int
    end: int
    hit: Hit | None  # None: unexplained text


def _chunks(scan: Scan) -> list[tuple[list[_Piece], _Piece | None]]:
    """Runs of adjacent name-like pieces that contain a client alias or unexplained text (with the one-character
    filler the run lost at its start, if any: 和 of "和风电商" may be the name's first character)."""
    pieces = [_Piece(h.start, h.end, h) for h in scan.hits if _is_client_hit(h) or _is_name_part(h) or _is_glue(h)]
    pieces += [_Piece(s, e, None) for s, e in scan.residue()]
    pieces.sort(key=lambda p: p.start)
    chunks: list[list[_Piece]] = []
    for piece in pieces:
        if chunks and (chunks[-1][-1].end == piece.start or _spaced_words(scan, chunks[-1][-1], piece)):
            chunks[-1].append(piece)
        else:
            chunks.append([piece])
    out = []
    for chunk in chunks:
        lead = chunk[0] if chunk[0].hit is not None and _is_glue(chunk[0].hit) else None
        while chunk and chunk[0].hit is not None and _is_glue(chunk[0].hit):
            chunk = chunk[1:]
        while chunk and chunk[-1].hit is not None and _is_glue(chunk[-1].hit):
            chunk = chunk[:-1]
        if any(p.hit is None or _is_client_hit(p.hit) for p in chunk):
            out.append((chunk, lead if lead is not None and lead.end == chunk[0].start else None))
    return out


def _spaced_words(scan: Scan, before: _Piece, piece: _Piece) -> bool:
    """"blue harbour": two English words a space apart, neither a trade or city word (those stay filters)."""
    return scan.text[before.end:piece.start] == " " and all(
        scan.text[p.start:p.end].isascii() and (p.hit is None or _is_client_hit(p.hit)) for p in (before, piece))


def _resolve_glued(scan: Scan, index: EntityIndex, viewer: Viewer, chunk: list[_Piece], out: Mentions) -> bool:
    """"和风电商": the run with its first character back, taken only when exactly one client is that close."""
    query = scan.text[chunk[0].start:chunk[-1].end].replace(" ", "")
    if not has_cjk(query) or len(query) < 4:
        return False
    matches = [cid for cid, _ in index.fuzzy_clients(query, _max_distance(query)) if index.visible(cid, viewer)]
    if len(matches) != 1:
        return False
    _absorb(scan, chunk)
    _accept(out, matches)
    return True


def _resolve_chunk(scan: Scan, index: EntityIndex, viewer: Viewer, chunk: list[_Piece], out: Mentions) -> bool:
    """Resolve one run; False when it named nobody (nothing matched, exactly or with a slip)."""
    client_hits = [p.hit for p in chunk if p.hit is not None and _is_client_hit(p.hit)]
    if len(chunk) == 1 and client_hits:
        ids = _exact_candidates(client_hits[0], index, viewer)
        if len(ids) == 1 and _trade_after(scan, index, client_hits[0], ids[0]):
            out.unresolved_name = True  # "Blue Harbor Trading": a trade our Blue Harbor does not have
            return True
        _accept(out, ids)
        return True
    text = scan.text[chunk[0].start:chunk[-1].end]
    query = text.replace(" ", "") if has_cjk(text) else text
    matches = []
    if _worth_fuzzy(query, chunk):
        matches = [(cid, distance) for cid, distance in index.fuzzy_clients(query, _max_distance(query))
                   if index.visible(cid, viewer)]
    if matches:
        best = matches[0][1]
        _absorb(scan, chunk)
        _accept(out, [cid for cid, distance in matches if distance == best])  # as close: ask back
        return True
    sounds = [cid for cid in index.homophone_clients(query) if index.visible(cid, viewer)]
    if sounds and not client_hits:
        _absorb(scan, chunk)  # "成都顶盛", "明源": a character of the same sound typed for the name's own
        _accept(out, sounds)
        return True
    if client_hits:
        _absorb(scan, [p for p in chunk if p.hit is not None])  # unexplained text stays unexplained
        for hit in client_hits:  # "华信科技和天成电商": two names
            ids = _exact_candidates(hit, index, viewer)
            fits = _fitting(scan, index, chunk, hit, ids) if len(ids) > 1 else _one_fits(scan, index, chunk, hit, ids)
            if fits:
                _accept(out, fits)  # "鼎盛上海那家": the one in 上海
            else:
                out.unresolved_name = True  # "广州明远物流", "上海天成置业": the brand of another company
        return True
    if any(p.hit is None and has_cjk(scan.text[p.start:p.end]) for p in chunk) and any(
            p.hit is not None and _is_name_part(p.hit) for p in chunk):
        # "华科技", "上海腾飞贸易": unexplained text beside a region or industry word is a company name we do not
        # know; beside one-character fillers only ("在群里", "拉个表", "可能会走") it is just words nobody read
        out.unresolved_name = True
    return False


def _fitting(scan: Scan, index: EntityIndex, chunk: list[_Piece], hit: Hit, ids: list[int]) -> list[int]:
    """Which clients sharing a brand the city, the trade and the words glued after the brand in its run fit."""
    tags = [tag.split(".", 1) for p in chunk if p.hit is not None for tag in p.hit.tags if "." in tag]
    places = {value for kind, value in tags if kind == "region"}
    trades = {value for kind, value in tags if kind == "industry"}
    glued = [p for p in chunk if p.hit is None and p.start == hit.end and p.end - p.start >= 2
             and all(is_cjk(ch) for ch in scan.text[p.start:p.end])]
    if glued:
        return []  # "天成置业": the brand goes on with a trade none of ours has
    return index.fitting(ids, places, trades)


def _trade_after(scan: Scan, index: EntityIndex, hit: Hit, cid: int) -> bool:
    """An English name followed, a space apart, by a trade its name does not say."""
    return scan.text[hit.start:hit.end].isascii() and any(
        after.start == hit.end + 1 and tag.startswith("industry.") and not index.trade_in_name(cid, tag.split(".")[1])
        for after in scan.hits for tag in after.tags)


# the trades Chinese company names end with ("长青地产", "华信置业"): after a client's alias, another company's name
COMPANY_TRADE = re.compile(r"^(地产|房产|置业|实业|集团|控股|投资|制造|食品|服装|家具|汽车|能源|化工|药业|制药|生物|"
                           r"教育|建材|装饰|印刷|包装|农业|环保|酒店|旅游|保险|银行|证券|电器|电气|机械|软件|网络|通讯|通信|"
                           r"物业|广告|纺织|家居|建设|商贸|电力|矿业|航运|船务|运输|供应链|医药|"
                           r"电子(?!发票|票|版|档|合同|签|邮|文件|表格|税|对账))")  # 电子发票: the client's e-invoices


def _one_fits(scan: Scan, index: EntityIndex, chunk: list[_Piece], hit: Hit, ids: list[int]) -> list[int]:
    """One client's alias followed by a trade its name does not say ("长青医疗", "长青地产"): the name of another
    company, not ours with a filter (other unread words after a name — 身上, 累计, a slip of 档案 — say nothing)."""
    trades = {tag.split(".", 1)[1] for p in chunk if p.start >= hit.end and p.hit is not None for tag in p.hit.tags
              if tag.startswith("industry.")}
    other = COMPANY_TRADE.match(scan.text[hit.end:])
    if other and other.group() not in index.client_names[ids[0]]:
        return []
    return index.fitting(ids, set(), trades)


def _worth_fuzzy(query: str, chunk: list[_Piece]) -> bool:
    if has_cjk(query):
        return len(query) >= 4  # one slip in three characters is a different name ("华科技")
    # an English word of the training sentences is that word, not a slip of a name ("came" is not "Acme")
    return len(query) >= 4 and (len(chunk) == 1 or " " in query) and not model().knows(query)


def _max_distance(query: str) -> int:
    """One slip in a name; two in a long one."""
    return 2 if len(query) >= 10 else 1


def _exact_candidates(hit: Hit, index: EntityIndex, viewer: Viewer) -> list[int]:
    term: Term = hit.value  # type: ignore[assignment]
    best = max(strength for _, strength in term.clients)
    strongest = [cid for cid, strength in term.clients if strength == best]
    if len(strongest) == 1:
        return strongest  # named exactly: the executor applies the scope
    visible = [cid for cid in strongest if index.visible(cid, viewer)]
    return visible or strongest[:1]  # never list names the asker may not see


def _absorb(scan: Scan, pieces: list[_Piece]) -> None:
    """The pieces of a resolved name are the name: they no longer count as region/industry filters."""
    for piece in pieces:
        if piece.hit is not None:
            scan.release(piece.hit)
        scan.take(piece.start, piece.end, "client_name")


def _accept(out: Mentions, ids: list[int]) -> None:
    if len(ids) == 1:
        if ids[0] not in out.clients:
            out.clients.append(ids[0])
    elif ids and not out.candidates:
        out.candidates = ids
