"""The name index: every way of writing a client, a colleague, a region, an industry or a tag — plus the
static keyword tables — in one dictionary, built once per App (`EntityIndex.load`) and reused per question.

Finding names in a question is a longest-match walk over the text with dictionary look-ups (no loop over
the clients), and a slip ("上海鼎胜贸易", "Pionner") goes through `rapidfuzz.process.extract` over the
precomputed full/brand+industry forms (edit distance, so "华信科技" is not "光华科技") only when some part of
the question is otherwise unexplained.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.understand.lexicon import static_terms, synonym_terms
from bot.understand.names import client_aliases, pinyin_syllables, staff_aliases
from bot.understand.text import Scan, has_cjk, is_cjk, normalize, segment
from domain.models import Client, ClientTag, Staff

COMMON_WORDS = {
    "blue", "green", "red", "black", "white", "gold", "golden", "silver", "new", "first", "best", "global", "china",
    "great", "united", "general", "national", "international", "star", "smart", "city", "east", "west", "north",
    "south", "sun", "sky", "asia", "pacific", "grand", "royal", "prime", "alpha", "beta", "true", "good", "big",
    "little", "open", "home", "world", "people", "public", "bright", "summer", "winter", "spring", "ocean",
}
# two- and three-letter English words a colleague's pinyin initials must not take ("马云" is not "my")
_SHORT_WORDS = frozenset({"am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me",
    "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we", "ya", "ye", "yo", "ar", "ap", "ceo",
    "cfo", "kpi", "vip", "ytd", "mom", "qoq", "yoy", "pls", "thx", "asap", "the", "and", "any", "all", "are",
    "can", "did", "how", "why", "who", "was", "has", "had", "not", "our", "you", "her", "him", "his", "its", "one",
    "two", "due", "new", "top", "low"})
# a trade as its clients' names write it, in Chinese and in English (others: the word itself)
_TRADE_IN_NAME = {"电商": ("电商", "电子商务", "e-commerce", "ecommerce"), "贸易": ("贸易", "trading", "trade"),
                  "物流": ("物流", "logistics", "shipping"), "科技": ("科技", "tech"), "咨询": ("咨询", "consult"),
                  "医疗": ("医疗", "medical", "health"), "餐饮": ("餐饮", "restaurant", "catering", "food"),
                  "建筑": ("建筑", "construction", "building"), "文化传媒": ("文化传媒", "media")}
ClientRow = tuple[int, str, str | None, str | None] | tuple[int, str, str | None, str | None, int | None]
IndexSources = tuple[list[ClientRow], list[tuple[int, str]], list[str], list[str]]


def index_sources(session: Session) -> IndexSources:
    """What the index is built from: (clients, staff, industries, tags) — every row, in a stable order."""
    rows = session.execute(select(Client.id, Client.name, Client.short_name, Client.region, Client.owner_id)
                           .order_by(Client.id))
    clients: list[ClientRow] = [(cid, name, short, region, owner) for cid, name, short, region, owner in rows]
    staff = [(sid, name) for sid, name in session.execute(select(Staff.id, Staff.name).order_by(Staff.id))]
    industries = session.execute(select(Client.industry).distinct()).scalars().all()
    tags = session.execute(select(ClientTag.tag).distinct()).scalars().all()
    return clients, staff, sorted(i for i in industries if i), sorted(tags)


@dataclass(frozen=True)
class Term:
    """What one surface form can mean: keyword/attribute tags, clients (id → alias strength) and staff ids."""

    tags: frozenset[str] = frozenset()
    clients: tuple[tuple[int, int], ...] = ()
    staff: tuple[int, ...] = ()


class EntityIndex:
    def __init__(self, clients: Sequence[ClientRow], staff: Sequence[tuple[int, str]], regions: Iterable[str],
                 industries: Iterable[str], tags: Iterable[str]) -> None:
        self.client_names: dict[int, str] = {}
        self.client_owner: dict[int, int | None] = {}
        self.client_region: dict[int, str | None] = {}
        self.staff_names: dict[int, str] = {int(sid): name for sid, name in staff}
        self.regions = sorted({r.strip() for r in regions if r and r.strip()})
        self.industries = sorted({i.strip() for i in industries if i and i.strip()})
        self.tags = sorted({t.strip() for t in tags if t and t.strip()})
        initials = self._city_initials()
        # two of the firm's cities share these initials ("sz": 深圳, 苏州): a place nobody can pick, asked back
        self.shared_initials = frozenset(key for key, cities in initials.items() if len(cities) > 1)
        words: dict[str, set[str]] = {surface: set(found) for surface, found in static_terms().items()}
        for surface, found in self._attribute_terms(initials).items():
            words.setdefault(surface, set()).update(found)
        staff_by_alias = self._staff_aliases(set(words))
        # keywords and colleagues: few, kept as ready Terms; client aliases (many) become Terms when met
        self.terms: dict[str, Term] = {
            surface: Term(frozenset(words.get(surface, ())), (), tuple(sorted(staff_by_alias.get(surface, ()))))
            for surface in words.keys() | staff_by_alias.keys()
        }
        self._client_aliases: dict[str, dict[int, int]] = {}
        self._fuzzy: dict[tuple[str, str, int], tuple[list[str], list[int]]] = {}
        self._longest_fuzzy = 0
        self._homophones: dict[str, list[str]] | None = None
        self._add_clients(clients, set(words))
        lengths: dict[str, set[int]] = {}
        for surface in self.terms.keys() | self._client_aliases.keys():
            lengths.setdefault(surface[0], set()).add(len(surface))
        self._lengths = {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}

    # -- construction --------------------------------------------------------------------------------

    @classmethod
    def from_names(cls, clients: Sequence[ClientRow] = (), staff: Sequence[tuple[int, str]] = (),
                   regions: Iterable[str] = (), industries: Iterable[str] = (), tags: Iterable[str] = ()
                   ) -> EntityIndex:
        """Clients as (id, full name, short name | None, region | None[, owner id]); staff as (id, name)."""
        return cls(clients, staff, regions, industries, tags)

    @classmethod
    def load(cls, session: Session) -> EntityIndex:
        return cls.from_sources(index_sources(session))

    @classmethod
    def from_sources(cls, sources: IndexSources) -> EntityIndex:
        clients, staff, industries, tags = sources
        regions = {row[3] for row in clients if row[3]}
        return cls(clients, staff, regions, industries, tags)

    def _attribute_terms(self, initials: dict[str, list[str]]) -> dict[str, set[str]]:
        out = synonym_terms(set(self.industries), set(self.regions), set(self.tags))
        for kind, values in (("region", self.regions), ("industry", self.industries), ("tag", self.tags)):
            for value in values:
                surfaces = {normalize(value)}
                if kind == "region":
                    surfaces |= {normalize(value) + "市", "".join(pinyin_syllables(value))}
                for surface in surfaces:
                    if surface:
                        out.setdefault(surface, set()).add(f"{kind}.{value}")
        for key, cities in initials.items():
            if len(cities) == 1 and key not in static_terms():
                out.setdefault(key, set()).add(f"region.{cities[0]}")  # "SH", "BJ": as colleagues abbreviate
        return out

    def _city_initials(self) -> dict[str, list[str]]:
        """The pinyin initials of the firm's two-character cities ("sz" 深圳 and 苏州): one city's are a name for it,
        two cities' are a place nobody can pick (asked back)."""
        out: dict[str, list[str]] = {}
        for city in self.regions:
            syllables = pinyin_syllables(city) if len(city) == 2 and all(is_cjk(ch) for ch in city) else []
            if len(syllables) == 2 and all(syllables):
                out.setdefault(syllables[0][0] + syllables[1][0], []).append(city)
        return out

    def _staff_aliases(self, reserved: set[str]) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        initials: dict[str, set[int]] = {}
        for sid, name in self.staff_names.items():
            plain = normalize(name)
            for alias in staff_aliases(name):
                if (alias in reserved and alias != plain) or len(alias) < 2:
                    continue
                out.setdefault(alias, set()).add(sid)
            syllables = pinyin_syllables(plain) if has_cjk(plain) and 2 <= len(plain) <= 3 else []
            if syllables and all(syllables):
                initials.setdefault("".join(s[0] for s in syllables), set()).add(sid)
        for key, sids in initials.items():  # "wf名下": 王芳's initials, when no other colleague or word has them
            if len(sids) == 1 and key not in reserved and key not in out and key not in _SHORT_WORDS:
                out[key] = sids
        return out

    def _add_clients(self, clients: Sequence[ClientRow], reserved: set[str]) -> None:
        regions = tuple(self.regions)
        common = COMMON_WORDS | {s for s in static_terms() if " " not in s}
        for row in clients:
            cid, full, short, region = int(row[0]), row[1].strip(), row[2], row[3]
            self.client_names[cid] = row[1]
            self.client_owner[cid] = row[4] if len(row) > 4 else None  # type: ignore[misc]
            self.client_region[cid] = region
            chinese = has_cjk(full)
            plain = normalize(full)
            aliases = client_aliases(full, short, regions + ((region,) if region else ()), common)
            for alias, strength in aliases.items():
                if not _usable_alias(alias) or (alias in reserved and alias != plain):
                    continue
                claims = self._client_aliases.setdefault(alias, {})
                claims[cid] = max(strength, claims.get(cid, 0))
                if strength >= 2 and (not chinese or has_cjk(alias)):
                    self._add_fuzzy(alias, cid)
            first = plain.split()[0] if plain and not chinese else ""
            if len(first) >= 4:
                self._add_fuzzy(first, cid)
            two = " ".join(plain.split()[:2]) if not chinese else ""
            if " " in two and len(two) >= 8:
                self._add_fuzzy(two, cid)  # "Blue Harbour": the first two words with a slip

    def _add_fuzzy(self, form: str, cid: int) -> None:
        for key in (("first", form[0], len(form)), ("last", form[-1], len(form))):
            forms, ids = self._fuzzy.setdefault(key, ([], []))
            forms.append(form)
            ids.append(cid)
        self._longest_fuzzy = max(self._longest_fuzzy, len(form))

    # -- use -----------------------------------------------------------------------------------------

    def term(self, surface: str) -> Term | None:
        known = self.terms.get(surface)
        claims = self._client_aliases.get(surface)
        if claims is None:
            return known
        if known is None:
            return Term(clients=tuple(claims.items()))
        return Term(known.tags, tuple(claims.items()), known.staff)

    def scan_terms(self, scan: Scan) -> None:
        """Consume known surfaces, choosing the segmentation that leaves the fewest characters unexplained."""
        text = scan.masked()
        for begin, end in segment(text, lambda ch: self._lengths.get(ch, ()), lambda s: self.term(s) is not None):
            term = self.term(text[begin:end])
            assert term is not None
            scan.take(begin, end, "term", term, term.tags)

    def fuzzy_clients(self, query: str, max_distance: int) -> list[tuple[int, int]]:
        """Clients with a full or brand+industry form within `max_distance` edits (a wrong, missing, extra or
        swapped character) of `query`, closest first — one entry per client.

        Only forms of a compatible length that share the query's first or last character are compared (one
        edit cannot change both ends), so a question costs a few thousand comparisons at most, in C."""
        if not query or len(query) > self._longest_fuzzy + max_distance:
            return []
        forms: list[str] = []
        ids: list[int] = []
        for size in range(len(query) - max_distance, len(query) + max_distance + 1):
            for key in (("first", query[0], size), ("last", query[-1], size)):
                bucket = self._fuzzy.get(key)
                if bucket:
                    forms += bucket[0]
                    ids += bucket[1]
        found = process.extract(query, forms, scorer=OSA.distance, limit=50, score_cutoff=max_distance)
        best: dict[int, int] = {}
        for _form, distance, at in found:
            cid = ids[at]
            best[cid] = min(best.get(cid, max_distance + 1), int(distance))
        return sorted(best.items(), key=lambda pair: (pair[1], self.client_names[pair[0]]))

    def homophone_clients(self, query: str) -> list[int]:
        """Clients with a Chinese alias that sounds exactly like `query` and shares a character with it in place,
        one character apart ("明源" 明远, "上海鼎胜" 上海鼎盛: a slip of the pinyin input method) — the strongest
        claims of the closest alias; built on first use (most questions never need it)."""
        if not 2 <= len(query) <= 8 or not all(is_cjk(ch) for ch in query):
            return []
        if self._homophones is None:
            self._homophones = {}
            for alias in self._client_aliases:
                if 2 <= len(alias) <= 8 and all(is_cjk(ch) for ch in alias):
                    self._homophones.setdefault(" ".join(pinyin_syllables(alias)), []).append(alias)
        slips = 1 if len(query) < 4 else 2  # "明源" for 明远; "常清物流" for 长青物流
        found = [alias for alias in self._homophones.get(" ".join(pinyin_syllables(query)), [])
                 if len(alias) == len(query) and 1 <= sum(a != b for a, b in zip(alias, query, strict=True)) <= slips]
        if len(found) != 1:
            return []
        claims = self._client_aliases[found[0]]
        best = max(claims.values())
        return sorted(cid for cid, strength in claims.items() if strength == best)

    def fitting(self, ids: list[int], regions: set[str], trades: set[str]) -> list[int]:
        """The clients among `ids` in one of `regions` (any, when none) whose names say every trade of `trades`."""
        return [cid for cid in ids if (not regions or self.client_region.get(cid) in regions)
                and all(self.trade_in_name(cid, trade) for trade in trades)]

    def trade_in_name(self, client_id: int, trade: str) -> bool:
        """Whether a client's name says that trade ("电商" is written 电子商务 in names)."""
        name = self.client_names[client_id].lower()
        return any(word in name for word in _TRADE_IN_NAME.get(trade, (trade,)))

    def visible(self, client_id: int, viewer) -> bool:
        owner = self.client_owner.get(client_id)
        return owner is None or viewer.sees_owner(owner)



def _usable_alias(alias: str) -> bool:
    if not alias or alias.isdigit():
        return False
    return len(alias) >= 2 if has_cjk(alias) else len(alias) >= 3
