"""The staff board, new clients, health ranking and value × loyalty segments against figures computed by hand from
the generated firm's rows, through the `ask --json` path, for the admin, a manager (their team) and a staff member
(their own clients): board rows sorted by collected with ties by name, the new clients of a period, the lowest
(and highest) health scores with ties broken by name in code-point order, the at-risk list, and segments whose
median is the firm's whoever asks."""

from __future__ import annotations

from datetime import date

import pytest

from tests.domain.metrics import expected as ex

TODAY = date(2026, 11, 22)
BOARDS = [  # (question, period)
    ("员工业绩", (date(2026, 11, 1), TODAY)),
    ("上个月每个人的业绩", (date(2026, 10, 1), date(2026, 10, 31))),
    ("team performance this year", (date(2026, 1, 1), TODAY)),
]


def _staff_in_scope(generated, who: str) -> set[int]:
    sid = generated.staff_id(who)
    if generated.firm.raw.staff[sid][1] == "admin":
        return set(generated.firm.raw.staff)
    owners = {generated.firm.raw.clients[c]["owner"] for c in generated.firm.sees(sid)}
    team = {s for s, row in generated.firm.raw.staff.items() if row[2] == sid}
    return owners | team | {sid} if generated.firm.raw.staff[sid][1] == "manager" else {sid}


@pytest.mark.parametrize(("question", "period"), BOARDS, ids=[b[0] for b in BOARDS])
@pytest.mark.parametrize("role", ["admin", "manager", "staff"])
def test_staff_board(generated, question, period, role) -> None:
    who = generated.firm.name(generated.staff(role)[-1])
    data = generated.ask(question, who)
    assert data["intent"] == "staff_board", (question, data["text"])
    expected = ex.board(generated.firm, *period, _staff_in_scope(generated, who))
    assert data["items"] == expected
    assert expected and (role != "staff" or len(expected) == 1)


NEW = [  # (question, period)
    ("上个月新签了几个客户", (date(2026, 10, 1), date(2026, 10, 31))),
    ("今年新增客户", (date(2026, 1, 1), date(2026, 12, 31))),
    ("new clients this quarter", (date(2026, 10, 1), date(2026, 12, 31))),
    ("how many 新客户 in the first half of this year", (date(2026, 1, 1), date(2026, 6, 30))),
]


@pytest.mark.parametrize(("question", "period"), NEW, ids=[n[0] for n in NEW])
def test_new_clients(generated, question, period) -> None:
    data = generated.ask(question)
    assert data["intent"] == "new_clients", (question, data["text"])
    clients = generated.firm.raw.clients
    signed = sorted((r["signed_on"], r["name"], generated.firm.name(r["owner"])) for r in clients.values()
                    if r["signed_on"] and period[0] <= r["signed_on"] <= period[1] and r["status"] != "prospect")
    assert [(i["signed_on"], i["client"], i["owner"]) for i in data["items"]] == [
        (d.isoformat(), n, o) for d, n, o in signed]
    assert data["value"] == len(signed) >= 1


def test_a_staff_members_new_clients_are_their_own(generated) -> None:
    who = max(generated.staff("staff"), key=lambda s: len(generated.firm.sees(s)))
    mine = generated.firm.sees(who)
    data = generated.ask("今年新增客户", generated.firm.name(who))
    expected = [r["name"] for c, r in generated.firm.raw.clients.items() if c in mine and r["status"] != "prospect"
                and r["signed_on"] and r["signed_on"].year == 2026]
    assert sorted(i["client"] for i in data["items"]) == sorted(expected) and data["value"] == len(expected)


def _health(generated, scope: set[int] | None = None) -> list[tuple[str, int]]:
    firm = generated.firm
    rows = [(ex.health(firm, c), r["name"]) for c, r in firm.raw.clients.items()
            if r["status"] == "active" and (scope is None or c in scope)]
    return [(name, score) for score, name in sorted(rows)]


@pytest.mark.parametrize(("question", "count"), [("健康度最低的20个客户", 20), ("8 least healthy clients", 8),
                                                 ("lowest 12 health scores", 12), ("健康度最低的客户", 10)])
def test_lowest_health_first_ties_by_name(generated, question, count) -> None:
    data = generated.ask(question)
    assert data["intent"] == "clients_by_health", (question, data["text"])
    expected = _health(generated)[:count]
    assert [(i["client"], i["health_score"]) for i in data["items"]] == expected
    if count == 20:
        scores = [s for _, s in expected]
        assert len(set(scores)) < len(scores)  # ties were there to break


def test_highest_health_and_ties(generated) -> None:
    data = generated.ask("健康度最高的15个客户")
    everyone = sorted(((-s, n) for n, s in _health(generated)))
    assert [(i["client"], i["health_score"]) for i in data["items"]] == [(n, -s) for s, n in everyone[:15]]


def test_at_risk_and_a_staff_members_ranking(generated) -> None:
    data = generated.ask("哪些客户有流失风险")
    at_risk = [(n, s) for n, s in _health(generated) if s < 60]
    assert [(i["client"], i["health_score"]) for i in data["items"]] == at_risk and data["value"] == len(at_risk)
    who = max(generated.staff("staff"), key=lambda s: len(generated.firm.sees(s)))
    mine = generated.ask("my 5 least healthy clients", generated.firm.name(who))
    assert [(i["client"], i["health_score"]) for i in mine["items"]] == _health(generated, generated.firm.sees(who))[:5]


@pytest.mark.parametrize("role", ["admin", "staff"])
def test_segments_use_the_firms_median(generated, role) -> None:
    sid = generated.staff(role)[-1]
    data = generated.ask("客户价值分层", generated.firm.name(sid))
    assert data["intent"] == "client_segments"
    expected = ex.segments(generated.firm, generated.firm.sees(sid))
    assert {i["client"]: i["segment"] for i in data["items"]} == expected and data["value"] == len(expected)
    assert len(set(expected.values())) >= 2
    one = generated.ask("高价值低忠诚的客户", generated.firm.name(sid))
    assert sorted(i["client"] for i in one["items"]) == sorted(
        c for c, s in expected.items() if s == "high_value_low_loyalty")


def test_a_named_colleagues_team(generated) -> None:
    """"<manager>团队的业绩" is the manager and everyone reporting to them, not the manager's own row alone."""
    firm = generated.firm
    manager = generated.staff("manager")[0]
    team = {s for s, row in firm.raw.staff.items() if row[2] == manager} | {manager}
    name = firm.name(manager)
    board = generated.ask(f"{name}团队的业绩")
    assert board["intent"] == "staff_board" and len(team) >= 2
    assert board["items"] == ex.board(firm, date(2026, 11, 1), TODAY, team)
    clients = {c for c, r in firm.raw.clients.items() if r["owner"] in team}
    collected = generated.ask(f"{name}团队本月回款多少")
    assert collected["value"] == ex.total(firm, "collected", date(2026, 11, 1), TODAY, clients)
    own = generated.ask(f"{name}本月回款多少")  # without 团队: the colleague's own clients
    mine = {c for c, r in firm.raw.clients.items() if r["owner"] == manager}
    assert own["value"] == ex.total(firm, "collected", date(2026, 11, 1), TODAY, mine) != collected["value"]
