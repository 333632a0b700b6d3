"""The 45 reference questions of tests/data/sample-firm-answers.json, understood on the imported sample firm
(EntityIndex.load on the real database), asked as the staff member in `ask_as`: the family is the suggested
intent and the filters are the ones the question names. (tests/bot/test_reference_answers.py checks the
answers end to end.)"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.understand import EntityIndex, understand
from domain.models import Client, Staff
from domain.scope import viewer_for_staff
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_TODAY

QUESTIONS = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))["questions"]
NOV = {"start": "2026-11-01", "end": "2026-11-30"}
# Query fields (besides the intent) each question must produce; staff and clients by name.
EXPECTED: dict[str, dict[str, Any]] = {
    "我的逾期客户": {"clients": {"owner_ids": ["刘建"]}},
    "逾期60天以上的客户": {"min_days_overdue": 59},  # 以上 includes 60 (民法典 1259; was 60 before issue 12)
    "逾期超过5000元的客户": {"min_amount": "5000"},
    "秦霞的逾期客户": {"clients": {"owner_ids": ["秦霞"]}},
    "欠款最多的10个客户": {"limit": 10},
    "未来7天到期的应收款": {"window": {"start": "2026-11-22", "end": "2026-11-29", "label": "未来7天"}},
    "本月回款多少": {"window": {**NOV, "label": "本月"}, "month": "2026-11"},
    "how much did we collect last month": {"window": {"start": "2026-10-01", "end": "2026-10-31",
                                                      "label": "last month"}, "month": "2026-10"},
    "今年签约额": {"window": {"start": "2026-01-01", "end": "2026-12-31", "label": "今年"}},
    "30天内到期的合同": {"window": {"start": "2026-11-22", "end": "2026-12-22", "label": "30天内"}},
    "下个月到期的合同": {"window": {"start": "2026-12-01", "end": "2026-12-31", "label": "下个月"}, "month": "2026-12"},
    "本月到期的合同": {"window": {"start": "2026-11-22", "end": "2026-11-30", "label": "本月"}, "month": "2026-11"},
    "contracts expiring in the next 90 days": {"window": {"start": "2026-11-22", "end": "2027-02-20",
                                                          "label": "in the next 90 days"}},
    "下个月到期的代理记账合同": {"window": {"start": "2026-12-01", "end": "2026-12-31", "label": "下个月"},
                     "month": "2026-12", "service_type": "bookkeeping"},
    "我负责的客户60天内到期的合同": {"clients": {"owner_ids": ["秦霞"]},
                           "window": {"start": "2026-11-22", "end": "2027-01-21", "label": "60天内"}},
    "资料逾期未交的客户": {"late_only": True},
    "10月资料没交齐的客户": {"month": "2026-10"},
    "上海鼎盛贸易的客户档案": {"clients": {"client_ids": ["上海鼎盛贸易有限公司"]}},
    "show client Pioneer": {"clients": {"client_ids": ["Pioneer E-commerce Co., Ltd."]}},
    "营收前10的客户": {"limit": 10},
    "top 3 clients by revenue": {"limit": 3},
    "利润最低的5个客户": {"limit": 5, "ascending": True},
    "利润最高的5个客户": {"limit": 5},
    "VIP客户有哪些": {"clients": {"tiers": ["vip"]}},
    "高风险客户": {"clients": {"tiers": ["high_risk"]}},
    "小规模纳税人客户有多少": {"clients": {"taxpayer_types": ["small"]}},
    "上海的贸易公司": {"clients": {"regions": ["上海"], "industries": ["贸易"]}},
    "标签是跨境电商的客户": {"clients": {"tags": ["跨境电商"]}},
    "信用等级为D的客户": {"credit_rating": "D"},
    "clients with credit rating B": {"credit_rating": "B"},
    "超过90天没联系的客户": {"days": 90},
    "最近90天差评的客户": {"days": 90, "window": {"start": "2026-08-24", "end": "2026-11-22", "label": "最近90天"}},
    "秦霞负责多少个客户": {"staff_id": "秦霞"},
    "本月申报截止日": {"month": "2026-11"},
    "12月的报税截止日期": {"month": "2026-12"},
    "本月需要申报增值税的客户有多少": {"month": "2026-11", "tax": "增值税"},
}


@pytest.fixture(scope="module")
def sample(sample_app) -> tuple[EntityIndex, dict[str, int], dict[str, int], dict]:
    with sample_app.session() as session:
        index = EntityIndex.load(session)
        staff_ids = {name: sid for sid, name in session.execute(select(Staff.id, Staff.name))}
        client_ids = {name: cid for cid, name in session.execute(select(Client.id, Client.name))}
        viewers = {s.name: viewer_for_staff(session, s) for s in session.execute(select(Staff)).scalars()}
    return index, staff_ids, client_ids, viewers


def test_every_reference_question_has_an_expectation() -> None:
    assert set(EXPECTED) <= {q["question"] for q in QUESTIONS}


@pytest.mark.parametrize("case", QUESTIONS, ids=[f"{i:02d}-{q['question']}" for i, q in enumerate(QUESTIONS)])
def test_reference_question(sample, case: dict[str, Any]) -> None:
    index, staff_ids, client_ids, viewers = sample
    understood = understand(case["question"], today=SAMPLE_TODAY, viewer=viewers[case["ask_as"]], index=index)
    expected = {"intent": case["suggested_intent"], **_ids(EXPECTED.get(case["question"], {}), staff_ids, client_ids)}
    assert understood.query.model_dump(mode="json", exclude_defaults=True) == expected
    assert understood.ambiguous == []
    if case["kind"] == "unknown":
        assert understood.unknown_reason


def _ids(expected: dict[str, Any], staff_ids: dict[str, int], client_ids: dict[str, int]) -> dict[str, Any]:
    out = dict(expected)
    if "staff_id" in out:
        out["staff_id"] = staff_ids[out["staff_id"]]
    if "clients" in out:
        clients = dict(out["clients"])
        if "owner_ids" in clients:
            clients["owner_ids"] = [staff_ids[name] for name in clients["owner_ids"]]
        if "client_ids" in clients:
            clients["client_ids"] = [client_ids[name] for name in clients["client_ids"]]
        out["clients"] = clients
    return out
