"""The wrong answers of blind batches AH, AI and AJ (2026-12-07, measured once; now dev26.txt), each a test.

A health ranking says which end with its words: "top 5", "前10", "healthiest", "最健康" are the healthiest first;
"排名", "ranking", "sort by" say nothing, and semantics.md ranks health lowest first."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "ascending", "limit"), [
    ("top 5 clients by health score", False, 5), ("健康度排前五的客户是谁", False, 5),
    ("5 healthiest clients in Shanghai", False, 5), ("哪个客户最健康", False, 1), ("健康度前10的客户", False, 10),
    ("客户健康度排名", True, None), ("rank clients by health score", True, None), ("健康分倒数5", True, 5),
    ("健康度最低的10个客户", True, 10), ("秦霞手上的客户 健康分从低往高排一下", True, None),
])
def test_health_ranking_end(read, text, ascending, limit):
    got = fields(read(text))
    assert got["intent"] == "clients_by_health"
    assert got.get("ascending", False) is ascending and got.get("limit") == limit
