"""Client and colleague names: short, without region or suffix, English, pinyin, with a slip — or ambiguous."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understand import EntityIndex, understand
from bot.understand.names import chinese_aliases, english_aliases, pinyin_syllables, staff_aliases
from domain.models import Client, ClientTag, Role, Staff
from domain.scope import Viewer

from .conftest import ADMIN, CLIENTS, TODAY, WANG, fields, staff_viewer

NAMES = {cid: name for cid, name, *_ in CLIENTS}


def client_of(understood) -> str | None:
    ids = understood.query.clients.client_ids or []
    assert len(ids) <= 1
    return NAMES[ids[0]] if ids else None


@pytest.mark.parametrize(
    ("question", "client"),
    [
        ("北京华信科技有限公司", "北京华信科技有限公司"),
        ("华信科技的客户档案", "北京华信科技有限公司"),
        ("华信科技怎么样", "北京华信科技有限公司"),
        ("北京华信科技", "北京华信科技有限公司"),
        ("hxkj", "北京华信科技有限公司"),
        ("huaxinkeji 的档案", "北京华信科技有限公司"),
        ("上海鼎盛贸易的客户档案", "上海鼎盛贸易有限公司"),
        ("明远贸易怎么样", "成都明远贸易有限公司"),
        ("明远科技", "苏州明远科技有限公司"),
        ("天成电商的档案", "上海天成电子商务有限公司"),
        ("上海天成建筑", "上海天成建筑工程有限公司"),
        ("天成建筑的情况", "上海天成建筑工程有限公司"),
        ("show client Pioneer", "Pioneer E-commerce Co., Ltd."),
        ("tell me about Acme", "Acme Trading (Shanghai) Co., Ltd."),
        ("Acme Trading profile", "Acme Trading (Shanghai) Co., Ltd."),
        ("blue harbor logistics", "Blue Harbor Logistics Ltd."),
        ("查一下长青", "深圳长青物流有限公司"),  # the firm's own short name
        ("长青物流", "深圳长青物流有限公司"),
        ("changqing", "深圳长青物流有限公司"),
        ("Pioneer的客户档案", "Pioneer E-commerce Co., Ltd."),
        ("ＰＩＯＮＥＥＲ", "Pioneer E-commerce Co., Ltd."),  # full-width
    ],
)
def test_client_names_as_people_write_them(ask, question: str, client: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "client_profile"
    assert understood.ambiguous == []
    assert client_of(understood) == client


@pytest.mark.parametrize(
    ("question", "client"),
    [
        ("上海鼎胜贸易的客户档案", "上海鼎盛贸易有限公司"),  # one wrong character
        ("上海鼎贸易", "上海鼎盛贸易有限公司"),  # one missing character
        ("明远贸意怎么样", "成都明远贸易有限公司"),
        ("华信科枝", "北京华信科技有限公司"),
        ("广州和风电子商务", "广州和丰电子商务有限公司"),
        ("和风电商咋样", "广州和丰电子商务有限公司"),  # 和 is also "and": the name's first character here
        ("长清物流咋样", "深圳长青物流有限公司"),
        ("show client Pionner", "Pioneer E-commerce Co., Ltd."),
        ("tell me about Acne", "Acme Trading (Shanghai) Co., Ltd."),
    ],
)
def test_a_slip_in_a_name_still_finds_the_client(ask, question: str, client: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "client_profile"
    assert client_of(understood) == client


@pytest.mark.parametrize(
    ("question", "candidates"),
    [
        ("天成", {"上海天成建筑工程有限公司", "上海天成电子商务有限公司", "杭州天成贸易有限公司"}),
        ("上海天成", {"上海天成建筑工程有限公司", "上海天成电子商务有限公司"}),
        ("查一下华信", {"北京华信科技有限公司", "深圳华信贸易有限公司"}),
        ("鼎盛贸易怎么样", {"上海鼎盛贸易有限公司", "成都鼎盛贸易有限公司"}),
        ("dsmy", {"上海鼎盛贸易有限公司", "成都鼎盛贸易有限公司"}),
        ("明远", {"成都明远贸易有限公司", "苏州明远科技有限公司"}),
    ],
)
def test_ambiguous_names_ask_back_instead_of_picking(ask, question: str, candidates: set[str]) -> None:
    understood = ask(question)
    assert understood.query.intent == "client_profile"
    assert set(understood.ambiguous) == candidates
    assert understood.query.candidates == understood.ambiguous
    assert not understood.query.clients.client_ids


def test_a_shared_brand_in_a_city_none_of_its_clients_is_in_is_another_company(ask) -> None:
    understood = ask("北京天成")  # no 天成 in 北京: never asked back between the three we have
    assert understood.query.intent == "unknown" and not understood.ambiguous


def test_ambiguity_keeps_the_asked_family(ask) -> None:
    understood = ask("天成的逾期情况")
    assert understood.query.intent == "overdue_clients"
    assert len(understood.ambiguous) == 3


def test_candidates_the_asker_cannot_see_are_never_listed(firm: EntityIndex) -> None:
    # 王芳 (id 2) owns 上海天成建筑 only: "天成" resolves to it without asking back
    understood = understand("天成", today=TODAY, viewer=WANG, index=firm)
    assert understood.ambiguous == []
    assert understood.query.clients.client_ids == [103]
    # 刘建 (id 4) owns 杭州天成贸易 only among the 上海天成 pair's brand: 上海天成 is outside his scope
    liu = staff_viewer(4)
    understood = understand("上海天成", today=TODAY, viewer=liu, index=firm)
    assert understood.ambiguous == []
    assert len(understood.query.clients.client_ids or []) == 1


@pytest.mark.parametrize(
    "question",
    ["北京小米科技的客户档案", "上海腾飞贸易怎么样", "show client Globex", "华为的档案"],
)
def test_unknown_clients_are_not_replaced_by_similar_ones(ask, question: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "unknown"
    assert not understood.query.clients.client_ids


@pytest.mark.parametrize(
    "question",
    ["光华科技", "华科技", "天空", "tell me about apple"],
)
def test_names_that_must_not_match(ask, question: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "unknown"
    assert understood.ambiguous == []


def test_similar_but_different_brand_is_not_a_slip(firm: EntityIndex) -> None:
    index = EntityIndex.from_names(clients=[(1, "苏州光华教育科技有限公司", None, "苏州")], regions=["苏州"])
    understood = understand("华信科技的客户档案", today=TODAY, viewer=ADMIN, index=index)
    assert understood.query.intent == "unknown"  # 光华科技 shares 华 and 科技 but is another company


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("王芳的客户", 2), ("王芳的逾期客户", 2), ("wangfang的客户", 2), ("Wang Fang's clients", 2),
        ("clients of wang fang", 2), ("秦霞负责的VIP客户", 3), ("qin xia's overdue clients", 3),
        ("Alice Chen's clients", 5), ("alicechen 的客户", 5),
    ],
)
def test_colleagues_by_name_and_pinyin(ask, question: str, owner: int) -> None:
    got = fields(ask(question))
    assert got["clients"]["owner_ids"] == [owner]


def test_two_colleagues_and_me(ask) -> None:
    assert fields(ask("秦霞和刘建的逾期客户"))["clients"]["owner_ids"] == [3, 4]
    assert fields(ask("我和王芳的客户", viewer=staff_viewer(3)))["clients"]["owner_ids"] == [2, 3]


def test_alias_generation() -> None:
    aliases = chinese_aliases("上海鼎盛贸易有限公司", ("上海",))
    assert aliases["上海鼎盛贸易"] == 3 and aliases["鼎盛贸易"] == 2 and aliases["鼎盛"] == 1
    assert {"dsmy", "shdsmy", "dingsheng", "dingshengmaoyi"} <= set(aliases)
    assert chinese_aliases("上海天成电子商务有限公司", ("上海",))["天成电商"] == 2
    english = english_aliases("Acme Trading (Shanghai) Co., Ltd.", set())
    assert english["acme trading shanghai"] == 3 and english["acme"] == 1
    # how colleagues call her, too: 王老师, 王姐, 芳姐, 阿芳 (Guangdong), 老王, 小王 …
    titles = ("老师", "总", "姐", "哥", "经理", "会计", "主管", "女士", "先生")
    english = {f"{title} {said}" for title in ("ms", "mr", "mrs", "miss")
               for said in ("wang", "wang fang", "fang wang")}
    titled = {"王" + title for title in titles} | {"王芳" + title for title in titles}
    assert staff_aliases("王芳") == {"王芳", "wangfang", "wang fang", "fang wang", "fangwang", "芳姐", "芳哥", "阿芳",
                                   "老王", "小王"} | titled | english
    assert pinyin_syllables("重庆长青") == ["chong", "qing", "chang", "qing"]


def test_keywords_never_become_client_aliases() -> None:
    clients = [(1, "上海贸易有限公司", None, "上海"), (2, "Top Consulting Ltd.", None, None)]
    index = EntityIndex.from_names(clients=clients, regions=["上海"], industries=["贸易"])
    got = understand("上海的贸易公司", today=TODAY, viewer=ADMIN, index=index)
    assert fields(got)["clients"] == {"regions": ["上海"], "industries": ["贸易"]}
    got = understand("top 3 clients by revenue", today=TODAY, viewer=ADMIN, index=index)
    assert fields(got) == {"intent": "top_clients_by_revenue", "limit": 3}


def test_index_loads_from_a_real_database(make_app) -> None:
    app = make_app(today=date(2026, 11, 22))
    with app.session() as session:
        boss = Staff(name="杜萍", role=Role.admin)
        wang = Staff(name="王芳", role=Role.staff)
        session.add_all([boss, wang])
        session.flush()
        clients = [
            Client(name="北京华信科技有限公司", region="北京", industry="科技", owner_id=wang.id, tags="高新技术"),
            Client(name="上海天成建筑工程有限公司", region="上海", industry="建筑", owner_id=boss.id),
            Client(name="上海天成电子商务有限公司", short_name="天成电商", region="上海", industry="电商",
                   owner_id=wang.id),
        ]
        session.add_all(clients)
        session.flush()
        session.add(ClientTag(client_id=clients[0].id, tag="高新技术"))
    with app.session() as session:
        index = EntityIndex.load(session)
    admin = Viewer(kind="staff", name="杜萍", staff_id=boss.id, role=Role.admin)
    got = fields(understand("hxkj", today=TODAY, viewer=admin, index=index))
    assert got["clients"]["client_ids"] == [clients[0].id]
    assert set(understand("上海天成", today=TODAY, viewer=admin, index=index).ambiguous) == {
        "上海天成建筑工程有限公司", "上海天成电子商务有限公司"}
    staff = Viewer(kind="staff", name="王芳", staff_id=wang.id, role=Role.staff, owner_ids=frozenset({wang.id}))
    assert understand("上海天成", today=TODAY, viewer=staff, index=index).query.clients.client_ids == [clients[2].id]
    got = fields(understand("王芳负责的上海电商客户", today=TODAY, viewer=admin, index=index))
    assert got["clients"] == {"owner_ids": [wang.id], "regions": ["上海"], "industries": ["电商"]}
    got = fields(understand("标签是高新技术的客户", today=TODAY, viewer=admin, index=index))
    assert got["clients"] == {"tags": ["高新技术"]}


def test_a_slip_in_a_three_character_colleague_name_finds_them() -> None:
    index = EntityIndex.from_names(clients=CLIENTS, staff=[(1, "欧阳明"), (2, "王芳")])
    got = fields(understand("欧阳敏那边逾期的客户", today=TODAY, viewer=ADMIN, index=index))
    assert got["clients"]["owner_ids"] == [1]  # one character off, one colleague that close
    homophone = fields(understand("欧阳鸣负责的客户有几家", today=TODAY, viewer=ADMIN, index=index))
    assert homophone["staff_id"] == 1
    unknown = understand("张伟手上几家客户", today=TODAY, viewer=ADMIN, index=index)
    assert unknown.unknown_reason == "staff_not_found"  # never read as the whole firm
