"""The metrics layer against hand-computed figures on a small hand-built firm, on SQLite and PostgreSQL, through the
same path as `ask --json` (bot.conversation.handle): breakdowns by several dimensions, shares, trends with empty
months, the summary beside the previous period, the staff board, new clients, health ranking ties, segments, one
client's figure, scoping (staff see their own clients, a manager their team), and agreement with the existing
single-value families.

Today is 2026-11-22. The firm:
- 王经理 (manager) ← 张三, 李四 (staff); 赵六 (staff, no manager); 老板 (admin).
- 甲公司 (张三, 上海, 科技, VIP, signed 2020-01-01): invoice A1 ¥1,000 issued 2026-11-05 due 2026-11-10, unpaid
  (overdue 12 days); invoice A2 ¥2,000 issued 2026-09-01 due 2026-09-10, ¥500 paid 2026-11-03 (overdue 73 days,
  ¥1,500 open); contract C1 ¥12,000 bookkeeping signed 2026-11-02 (A1 belongs to it).
- 乙公司 (张三, 北京, no industry, normal, signed 2026-10-15): invoice B1 ¥3,000 issued 2026-10-20 due 2026-12-20,
  paid in full 2026-11-15; scheduled invoices B2 ¥9,999 issued 2026-11-28 and B3 ¥1,000 issued 2026-12-01.
- 丙公司 (李四, 上海, 科技, normal, signed 2026-11-03): invoice D1 ¥4,000 issued 2026-11-01 due 2026-11-30; service log
  10 h by 李四 (¥100/h) on 2026-11-04.
- 丁公司 (赵六, 北京, 贸易, normal, churned, signed 2024-05-01): invoice E1 ¥500 issued 2026-07-01 due 2026-07-31 unpaid
  (114 days overdue).
- 戊公司 (赵六, 上海, prospect): nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.conversation import handle
from bot.messages import IncomingMessage
from domain.allocation import reallocate
from domain.models import (
    Client,
    ClientStatus,
    Contract,
    Feedback,
    Interaction,
    Invoice,
    Payment,
    Role,
    ServiceLog,
    ServiceType,
    Staff,
    Tier,
)

TODAY = date(2026, 11, 22)


@pytest.fixture
def firm(make_app):
    app = make_app(today=TODAY)
    with app.session() as s:
        boss = Staff(name="老板", role=Role.admin)
        mgr = Staff(name="王经理", role=Role.manager)
        s.add_all([boss, mgr])
        s.flush()
        zhang = Staff(name="张三", role=Role.staff, manager_id=mgr.id, hourly_cost_cents=5000)
        li = Staff(name="李四", role=Role.staff, manager_id=mgr.id, hourly_cost_cents=10000)
        zhao = Staff(name="赵六", role=Role.staff)
        s.add_all([zhang, li, zhao])
        s.flush()
        jia = Client(name="甲公司", owner_id=zhang.id, region="上海", industry="科技", tier=Tier.vip,
                     signed_on=date(2020, 1, 1))
        yi = Client(name="乙公司", owner_id=zhang.id, region="北京", signed_on=date(2026, 10, 15))
        bing = Client(name="丙公司", owner_id=li.id, region="上海", industry="科技", signed_on=date(2026, 11, 3))
        ding = Client(name="丁公司", owner_id=zhao.id, region="北京", industry="贸易", status=ClientStatus.churned,
                      signed_on=date(2024, 5, 1))
        wu = Client(name="戊公司", owner_id=zhao.id, region="上海", status=ClientStatus.prospect)
        s.add_all([jia, yi, bing, ding, wu])
        s.flush()
        c1 = Contract(contract_no="C1", client_id=jia.id, service_type=ServiceType.bookkeeping,
                      start_on=date(2026, 11, 1), end_on=date(2027, 10, 31), amount_cents=1_200_000,
                      signed_on=date(2026, 11, 2))
        s.add(c1)
        s.flush()
        s.add_all([
            Invoice(invoice_no="A1", client_id=jia.id, contract_id=c1.id, issued_on=date(2026, 11, 5),
                    due_on=date(2026, 11, 10), amount_cents=100_000),
            Invoice(invoice_no="A2", client_id=jia.id, issued_on=date(2026, 9, 1), due_on=date(2026, 9, 10),
                    amount_cents=200_000),
            Invoice(invoice_no="B1", client_id=yi.id, issued_on=date(2026, 10, 20), due_on=date(2026, 12, 20),
                    amount_cents=300_000),
            Invoice(invoice_no="B2", client_id=yi.id, issued_on=date(2026, 11, 28), due_on=date(2026, 12, 31),
                    amount_cents=999_900),
            Invoice(invoice_no="B3", client_id=yi.id, issued_on=date(2026, 12, 1), due_on=date(2026, 12, 31),
                    amount_cents=100_000),
            Invoice(invoice_no="D1", client_id=bing.id, issued_on=date(2026, 11, 1), due_on=date(2026, 11, 30),
                    amount_cents=400_000),
            Invoice(invoice_no="E1", client_id=ding.id, issued_on=date(2026, 7, 1), due_on=date(2026, 7, 31),
                    amount_cents=50_000),
            Payment(row_key="P1", client_id=jia.id, paid_on=date(2026, 11, 3), amount_cents=50_000),
            Payment(row_key="P2", client_id=yi.id, paid_on=date(2026, 11, 15), amount_cents=300_000),
            ServiceLog(row_key="S1", client_id=bing.id, staff_id=li.id, date=date(2026, 11, 4), hours=Decimal("10")),
            Interaction(row_key="I1", client_id=jia.id, date=date(2026, 11, 1)),
            Interaction(row_key="I2", client_id=yi.id, date=date(2026, 11, 20)),
            Feedback(row_key="F1", client_id=yi.id, date=date(2026, 11, 1), score=1),
        ])
        s.flush()
        reallocate(s)
    return app


def ask(app, text: str, who: str = "老板") -> dict:
    reply = handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=who, text=text))
    return reply.data | {"_text": reply.text}


def groups(data: dict) -> list[tuple[str, float]]:
    return [(i["group"], i["value"]) for i in data["items"]]


def test_overdue_amount_by_owner_region_tier_and_aging(firm) -> None:
    by_owner = ask(firm, "按负责人统计逾期金额")
    assert by_owner["intent"] == "breakdown" and by_owner["metric"] == "overdue_amount"
    assert by_owner["dimension"] == "owner" and "当前的负责人" in by_owner["_text"]
    assert groups(by_owner) == [("张三", 2500.0), ("赵六", 500.0)] and by_owner["value"] == 3000.0
    assert groups(ask(firm, "逾期金额按地区分布")) == [("上海", 2500.0), ("北京", 500.0)]
    assert groups(ask(firm, "按客户等级统计逾期金额")) == [("VIP", 2500.0), ("普通", 500.0)]
    assert groups(ask(firm, "按账龄统计逾期金额")) == [("61-90", 1500.0), ("1-30", 1000.0), ("90+", 500.0)]
    assert groups(ask(firm, "按团队统计逾期金额")) == [("王经理", 2500.0), ("无团队", 500.0)]


def test_clients_by_industry_with_shares_and_the_empty_group(firm) -> None:
    data = ask(firm, "各行业客户占比")
    # active clients only: 甲 科技, 乙 (no industry), 丙 科技
    assert data["items"] == [{"group": "科技", "value": 2, "share": 0.6667},
                             {"group": "未填", "value": 1, "share": 0.3333}]
    assert data["value"] == 3


def test_invoiced_counts_only_up_to_today_by_service_type_and_owner(firm) -> None:
    data = ask(firm, "本月开票按服务类型")
    assert groups(data) == [("未填", 4000.0), ("代理记账", 1000.0)] and data["value"] == 5000.0
    assert groups(ask(firm, "本月开票按负责人")) == [("李四", 4000.0), ("张三", 1000.0)]
    assert ask(firm, "本月开票多少")["value"] == 5000.0  # B2 (issued 2026-11-28) is scheduled, not invoiced yet
    assert ask(firm, "下个月开票多少")["value"] == 1000.0  # a future period asked explicitly counts B3


def test_collected_by_owner_region_and_the_family_agree(firm) -> None:
    data = ask(firm, "本月回款按负责人")
    assert groups(data) == [("张三", 3500.0)] and data["value"] == ask(firm, "本月回款多少")["value"] == 3500.0
    assert groups(ask(firm, "本月回款按地区")) == [("北京", 3000.0), ("上海", 500.0)]


def test_trend_lists_every_month_with_zeros(firm) -> None:
    data = ask(firm, "今年每个月的回款")
    assert data["intent"] == "trend" and [i["period"] for i in data["items"]] == [
        f"2026-{m:02d}" for m in range(1, 12)]
    assert [i["value"] for i in data["items"]][-2:] == [0.0, 3500.0] and data["value"] == 3500.0
    invoiced = ask(firm, "近12个月收入趋势")
    assert len(invoiced["items"]) == 12 and invoiced["items"][0]["period"] == "2025-12"
    by_month = {i["period"]: i["value"] for i in invoiced["items"]}
    assert by_month["2026-07"] == 500.0 and by_month["2026-09"] == 2000.0 and by_month["2026-08"] == 0.0
    assert by_month["2026-11"] == 5000.0 and invoiced["value"] == 10500.0


def test_quarterly_signed_trend(firm) -> None:
    data = ask(firm, "每季度签约额")
    assert [i["period"] for i in data["items"]] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert data["items"][-1]["value"] == 12000.0


def test_summary_beside_the_previous_period_cut_to_the_same_days(firm) -> None:
    data = ask(firm, "本月经营情况")
    items = {i["metric"]: i for i in data["items"]}
    assert items["invoiced"]["value"] == 5000.0 and items["invoiced"]["previous"] == 3000.0  # 1–22 Oct: B1
    assert items["invoiced"]["change"] == pytest.approx(0.6667)
    assert items["collected"]["value"] == 3500.0 and items["collected"]["previous"] == 0.0
    assert items["collected"]["change"] is None  # previous 0: no change fraction
    assert items["new_clients"]["value"] == 1 and items["new_clients"]["previous"] == 1
    assert items["profit"]["value"] == 4000.0  # 5,000 invoiced − 10 h × ¥100
    assert items["receivable_balance"]["value"] == 7000.0 and "previous" not in items["receivable_balance"]
    assert items["overdue_amount"]["value"] == 3000.0 and items["overdue_clients"]["value"] == 2
    # invoices due in November: A1 1,000 (0 paid) + D1 4,000 → 0 / 5,000
    assert items["collection_rate"]["value"] == 0.0


def test_staff_board(firm) -> None:
    data = ask(firm, "员工业绩")
    rows = {i["staff"]: i for i in data["items"]}
    assert [i["staff"] for i in data["items"]] == ["张三", "李四", "赵六"]  # by collected, ties by name
    assert rows["张三"] == {"staff": "张三", "clients": 2, "collected": 3500.0, "invoiced": 1000.0,
                          "overdue_amount": 2500.0, "late_documents": 0, "service_hours": 0.0}
    assert rows["李四"]["service_hours"] == 10.0 and rows["赵六"]["clients"] == 0
    assert [i["staff"] for i in ask(firm, "员工业绩", who="王经理")["items"]] == ["张三", "李四"]


def test_new_clients_is_a_count_not_the_signed_amount(firm) -> None:
    data = ask(firm, "上个月新签了几个客户")
    assert data["intent"] == "new_clients" and data["value"] == 1
    assert [i["client"] for i in data["items"]] == ["乙公司"]
    assert ask(firm, "上个月签约额")["intent"] == "signed"


def test_health_ranking_ties_by_name_and_at_risk(firm) -> None:
    data = ask(firm, "客户健康度最低的10个客户")
    scores = [(i["client"], i["health_score"]) for i in data["items"]]
    # 甲: credit C (A2 73 days) 25 + overdue 10 + margin 0 → 65; 乙: N/A 0 + contact 0 + 1 complaint 10 → 90;
    # 丙: never contacted 15 + margin (4000−1000)/4000 = 75% → 0, credit N/A → 85
    assert scores == [("甲公司", 65), ("丙公司", 85), ("乙公司", 90)]
    assert ask(firm, "哪些客户有流失风险")["items"] == []
    with firm.session() as s:  # 庚: never contacted (15), nothing else → 85, tied with 丙: ties by name (code point)
        li = s.query(Staff).filter(Staff.name == "李四").one()
        s.add(Client(name="庚公司", owner_id=li.id))
    tied = [(i["client"], i["health_score"]) for i in ask(firm, "健康度最低的3个客户")["items"]]
    assert tied == [("甲公司", 65), ("丙公司", 85), ("庚公司", 85)]
    highest = [i["client"] for i in ask(firm, "健康度最高的2个客户")["items"]]
    assert highest == ["乙公司", "丙公司"]


def test_on_time_delivery_rate_is_understood(firm) -> None:
    assert ask(firm, "准时交付率")["intent"] == "workflow_on_time"
    assert ask(firm, "on-time delivery rate")["intent"] == "workflow_on_time"


def test_one_clients_figure_and_scope(firm) -> None:
    margin = ask(firm, "丙公司的毛利率")
    assert margin["intent"] == "client_metric" and margin["value"] == 0.75 and margin["metric"] == "margin"
    assert ask(firm, "甲公司的健康度")["value"] == 65
    assert ask(firm, "甲公司的健康度", who="李四")["value"] is None  # not 李四's client


def test_staff_and_manager_scope_in_breakdowns(firm) -> None:
    assert groups(ask(firm, "按负责人统计逾期金额", who="张三")) == [("张三", 2500.0)]
    assert groups(ask(firm, "各地区客户数量", who="王经理")) == [("上海", 2), ("北京", 1)]
    assert groups(ask(firm, "各地区客户数量", who="赵六")) == []


def test_overdue_thresholds_inclusive_and_strict(firm) -> None:
    assert ask(firm, "逾期73天以上的金额")["value"] == 2000.0  # A2 (exactly 73 days: included) + E1; not A1
    assert ask(firm, "逾期超过73天的客户")["value"] == 500.0  # only 丁 (114 days); its whole overdue amount
    assert [i["client"] for i in ask(firm, "逾期73天以上的客户")["items"]] == ["甲公司", "丁公司"]


def test_segments_use_the_firms_median(firm) -> None:
    data = ask(firm, "客户价值分层")
    # active with revenue > 0: 甲 3,000, 乙 3,000, 丙 4,000 → median 3,000: all high value; 甲 loyal (tenure, no
    # complaint), 乙 complained, 丙 new
    assert {(i["client"], i["segment"]) for i in data["items"]} == {
        ("甲公司", "high_value_high_loyalty"), ("乙公司", "high_value_low_loyalty"),
        ("丙公司", "high_value_low_loyalty")}
    assert [i["client"] for i in ask(firm, "高价值低忠诚的客户")["items"]] == ["丙公司", "乙公司"]
    mine = ask(firm, "客户价值分层", who="李四")["items"]  # the median is still the firm's
    assert [(i["client"], i["segment"]) for i in mine] == [("丙公司", "high_value_low_loyalty")]


def test_english_replies_format_money_and_shares(firm) -> None:
    assert ask(firm, "share of clients by industry")["items"][0]["share"] == 0.6667
    reply = handle(firm, IncomingMessage(platform="cli", chat_id="", sender_id="老板", text="overdue amount by owner"))
    assert reply.locale == "en" and "¥3,000.00" in reply.text and "current owner" in reply.text
    zh = handle(firm, IncomingMessage(platform="cli", chat_id="", sender_id="老板", text="各行业客户占比"))
    assert any("66.7%" in cell for row in zh.rows for cell in row)


def test_names_sort_by_code_point_on_postgresql_too() -> None:
    """PostgreSQL orders by the database collation (zh_CN, en_US … differ from code points) unless told "C"."""
    from sqlalchemy import select
    from sqlalchemy.dialects import postgresql, sqlite

    from domain.facts.common import code_point

    stmt = select(Client.name).order_by(code_point(Client.name))
    assert str(stmt.compile(dialect=postgresql.dialect())).endswith('ORDER BY client.name COLLATE "C"')
    assert str(stmt.compile(dialect=sqlite.dialect())).endswith("ORDER BY client.name")  # UTF-8 bytes: code points


def test_overdue_ties_break_by_code_point(make_app) -> None:
    app = make_app(today=TODAY)
    with app.session() as s:
        boss = Staff(name="老板", role=Role.admin)
        s.add(boss)
        s.flush()
        for n, name in enumerate(["阿里公司", "Zeta Ltd", "华信公司", "acme Ltd"]):
            client = Client(name=name, owner_id=boss.id)
            s.add(client)
            s.flush()
            s.add(Invoice(invoice_no=f"T{n}", client_id=client.id, issued_on=date(2026, 9, 1),
                          due_on=date(2026, 10, 1), amount_cents=100_000))
    names = [i["client"] for i in ask(app, "哪些客户逾期未付款")["items"]]
    assert names == sorted(names) == ["Zeta Ltd", "acme Ltd", "华信公司", "阿里公司"]
