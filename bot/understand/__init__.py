"""Deterministic understanding of staff questions in Chinese and English: text → `domain.queries.Query`.

    index = EntityIndex.load(session)          # once per App; rebuild when clients/staff change
    understood = understand(text, today=today, viewer=viewer, index=index)

`understood.query.intent` is `unknown` when the parser is not sure, with `unknown_reason` one of:
- "empty", "too_long", "no_intent", "unrecognised_words", "unparsed_number", "unparsed_period", "negation";
- "action" (a request to change data: "催一下…", "标记为VIP" — for the actions issue to pick up);
- "client_not_found" (a company name no client matches, even with one slip); "staff_not_found" (a colleague's
  name with a slip two colleagues are as close to, or an unknown name before 那边/手上/负责的);
- "conflict:<words>" (two questions in one: "逾期客户的回款"), "two_questions";
- "multiple_periods", "multiple_thresholds", "multiple_limits", "multiple_staff";
- "ambiguous:due" ("本周到期的" — contracts or invoices?), "ambiguous:tax", "ambiguous:grade" ("A级客户" with no
  word of credit: a rating or a tier?);
- "missing:<slot>" ("信用等级" without a letter, "员工排名" without a metric);
- "unsupported:<what>" (a filter or period the family would silently ignore: "上个月的逾期客户",
  "欠款超过1万", "各地区客户数量" → unsupported:breakdown, "营收" → unsupported:total_revenue);
- "reversed:<what>" (the opposite of a list the product keeps: "资料已经全部交齐的客户" is not the missing list);
- "not_for_contacts" (a client contact asking a staff question).
The answer path calls `bot.understand.generalise.interpret`, which adds a character n-gram intent classifier
(classify.py, trained by scripts/train_intents.py) to these rules for wordings no rule knows, and asks back
between two readings (readings.py); `understand` here is the rules alone.
When a client name fits several clients (equally strong alias, or equally close slip), `understood.ambiguous`
(and `query.candidates`) hold their full names — only those the asker may see — and the query is otherwise
complete: the pipeline asks back which one.
"""

from bot.understand.entities import EntityIndex
from bot.understand.parser import Understood, understand

__all__ = ["EntityIndex", "Understood", "understand"]
