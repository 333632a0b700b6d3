"""Health alerts with time travel (semantics.md "health alert"), Monday 23 – Friday 27 November 2026 at 08:30.

- 华信 (王芳, whose manager is 周经理): invoice ¥8,600 due Wednesday 25 November, never paid. Health 100 until it
  falls overdue; on Thursday 26th: credit C (25, nothing of the last year paid on time) + overdue (10) → 65, a drop
  of 35 → 王芳 and 周经理 are told once, with what changed.
- 明远 (李雷, no manager): last contact 20 August (10), two complaints in October (20), two late document requests
  (10) → 60 on Monday; a third request due Wednesday 25th is late on Thursday → 55: it fell below 60 → 李雷 once.
- Monday's run only stores the baseline; Friday's run alerts nobody again (once per drop); the admin's digest lists
  明远 among the clients at risk with its score.
"""

from __future__ import annotations

from datetime import date

from bot.jobs.health import KIND
from domain.models import ClientHealthMark
from tests.bot.jobs.support import SLACK, at, build, plan
from tests.domain.facts.firm import Firm


def _firm(firm: Firm) -> None:
    firm.staff("赵总", "admin", slack="U-BOSS")
    manager = firm.staff("周经理", "manager", slack="U-ZHOU")
    wang = firm.staff("王芳", manager=manager, slack="U-WANG")
    li = firm.staff("李雷", slack="U-LI")
    huaxin = firm.client("杭州华信科技有限公司", wang, signed_on=date(2020, 1, 1))
    firm.invoice(huaxin, "INV-1", "2026-11-01", "2026-11-25", "8600")
    firm.interaction(huaxin, "2026-11-20")
    mingyuan = firm.client("上海明远贸易有限公司", li, signed_on=date(2020, 1, 1))
    firm.interaction(mingyuan, "2026-08-20")
    firm.feedback(mingyuan, "2026-10-01", 1)
    firm.feedback(mingyuan, "2026-10-05", 2)
    for item, due in (("银行对账单", "2026-11-20"), ("进项发票", "2026-11-21"), ("工资表", "2026-11-25")):
        firm.document(mingyuan, "2026-10", item, due)


def _alerts(drafts) -> dict[str, list[tuple[str, int, int, list[str]]]]:
    return {d.destination.address: [(c["client"], c["before"], c["health_score"], c["changes"])
                                    for c in d.reply.data["clients"]] for d in drafts}


def test_a_health_drop_alerts_the_owner_and_manager_once(make_app) -> None:
    app = make_app(today=date(2026, 11, 23), **SLACK)
    build(app, _firm)
    assert plan(app, at("2026-11-23"), KIND) == []  # the first run stores the baseline
    with app.session() as session:
        marks = {m.score for m in session.query(ClientHealthMark)}
    assert marks == {100, 60}
    assert plan(app, at("2026-11-24"), KIND) == [] and plan(app, at("2026-11-25"), KIND) == []
    thursday = _alerts(plan(app, at("2026-11-26"), KIND))
    huaxin = ("杭州华信科技有限公司", 100, 65, ["信用等级降为 C", "新增逾期 ¥8,600.00"])
    assert thursday == {"U-WANG": [huaxin], "U-ZHOU": [huaxin],
                        "U-LI": [("上海明远贸易有限公司", 60, 55, ["逾期资料 3 项"])]}
    assert plan(app, at("2026-11-26", "15:00"), KIND) == []  # a later run the same day: already compared
    assert plan(app, at("2026-11-27"), KIND) == []  # once per drop


def test_the_digest_lists_clients_at_risk_by_health(make_app) -> None:
    app = make_app(today=date(2026, 11, 26), **SLACK)
    build(app, _firm)
    digest = [d for d in plan(app, at("2026-11-26"), "digest") if d.destination.address == "U-BOSS"]
    at_risk = [lines for title, lines in digest[0].reply.sections if title.startswith("风险客户")]
    assert at_risk == [["上海明远贸易有限公司：健康分 55、98 天未联系"]]  # 华信 (65) is not at risk
