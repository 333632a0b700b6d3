"""How the rules and the classifier combine (generalise.py): the classifier's cut-offs, tuned on the dev part only,
and the families and words that decide between two readings of the same question."""

from __future__ import annotations

import re

from domain.queries import Intent

CONFIDENT = 0.7  # the best family's probability, tuned on the dev part only
MARGIN = 0.3  # and its lead over the second
DISAGREE = 0.85  # a confident classifier against the rules' family → ask back
TAKE_OVER = 0.9  # a very confident one whose family the rules' slots fit → its family
REFUSE = 0.9  # a confident "this is not a question" (action, chit-chat, out of scope) → not answered
ASK_BACK = 0.6  # the best two families together this likely → ask which one
AGREE = 0.5  # the best family, when the rules read the same one but for a few unread words …
AGREE_UNREAD = 3  # … at most this many (a CJK character 1, an English word 2), and none of them a time unit
UNREAD_MEANING = re.compile(r"[月周年季天日号时期]|week|month|year|quarter|day|today|ago|last|next|this|not|no")
OVERRULABLE = ("no_intent", "unrecognised_words", "conflict", "unsupported:", "ambiguous:tax", "missing:dimension")
# the tax authority's rating, not ours; an amount threshold on what no family filters by ("欠款超过5万的有几家"):
# no classifier answers either with something else
FINAL = {"unsupported:tax_credit", "unsupported:amount"}
EXPLAINED_TOO = {Intent.invoiced: {"revenue"}, Intent.documents_missing: {"invoice"},  # 本月收入; 缺票
                Intent.top_clients_by_revenue: {"invoiced"}}  # 开票最多的客户: revenue is what was invoiced
CATCH_ALL = {"clients_by_attribute", "client_count"}  # "哪些客户…" with a word the rules did not read
CATCH_ALL_DOUBT = 0.7
GROUPED = {"breakdown", "trend", "staff_board", "summary", "aging"}  # families that take a "by …" word
FIRM_LEVEL = {"summary", "staff_board", "help"}  # a word the rules took for an unknown client cannot filter these
NEEDS_CLIENT = {"client_profile", "client_metric"}
# a ranking or list of every client, against the rules' figure of the one client named: the name decides
EVERY_CLIENT = {"clients_by_health", "top_clients_by_revenue", "top_clients_by_profit", "top_clients_by_margin"}
COUNTS = {"overdue_count", "client_count", "staff_client_count"}  # need a word that counts (几, 多少, how many)
# one named client's figure of a period: the family of the figure filtered to that client is the same number
SAME_NUMBER = {frozenset(("client_metric", figure))
               for figure in ("collected", "invoiced", "signed", "receivable_balance", "overdue_total")}
AS_OF = re.compile(r"(月|年|季度?)底|月末|年末|(?<![a-z])as of(?![a-z])|at the end of")  # a moment, not a window
FIGURE_FAMILY = {"receivable_balance": "receivable_balance", "overdue_amount": "overdue_total"}  # one client's
FIRST_OF = {"top_clients_by_revenue", "top_clients_by_profit", "top_clients_by_margin", "top_debtors",
            "clients_by_health"}
FIRST = re.compile(r"(?<!前)第一(名|位|的|$)|排名第一|number one|\#1\b|the top (client|customer)\b|"
                   r"最\S{0,4}的那一?(家|个|位)|最\S{0,4}的是(谁家|哪家|谁)\s*$")  # "健康分最高的那家客户": that one
# figures of what has happened (payments, signings, new clients): a period wholly to come asks for a forecast
NOT_YET_HAPPENED = {"collected", "signed", "new_clients", "summary", "staff_board",  # invoices are scheduled
                    "profit", "margin", "service_cost", "service_hours", "collection_rate"}  # costs are logged after
# a question not answered is read again without its context clause — unless what refused it is the question's own
KEEP_REFUSAL = ("reversed:", "chitchat", "empty", "too_long", "unsupported:tax_credit", "out_of_scope:writing")
OWNERS_COUNT = frozenset(("client_count", "staff_client_count"))  # one owner's active clients (semantics.md)
COUNT_OR_LIST = frozenset(("client_count", "clients_by_attribute"))
