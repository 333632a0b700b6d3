"""A small firm for the understanding tests, built with EntityIndex.from_names (no database needed).

Names are chosen to exercise the hard cases: brands shared by several clients (天成, 鼎盛, 华信), English
names, a client reachable only by pinyin, and colleagues with pinyin spellings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.understand import EntityIndex, Understood, understand
from bot.understand.generalise import Outcome, interpret
from domain.models import Role
from domain.scope import Viewer

TODAY = date(2026, 11, 22)  # a Sunday, as in the sample firm

STAFF = [(1, "杜萍"), (2, "王芳"), (3, "秦霞"), (4, "刘建"), (5, "Alice Chen")]
CLIENTS = [
    # (id, full name, short name, region, owner id)
    (101, "北京华信科技有限公司", None, "北京", 2),
    (102, "深圳华信贸易有限公司", None, "深圳", 3),
    (103, "上海天成建筑工程有限公司", None, "上海", 2),
    (104, "上海天成电子商务有限公司", None, "上海", 3),
    (105, "杭州天成贸易有限公司", None, "杭州", 4),
    (106, "上海鼎盛贸易有限公司", None, "上海", 2),
    (107, "成都鼎盛贸易有限公司", None, "成都", 3),
    (108, "成都明远贸易有限公司", None, "成都", 2),
    (109, "苏州明远科技有限公司", None, "苏州", 4),
    (110, "Pioneer E-commerce Co., Ltd.", None, "上海", 2),
    (111, "Acme Trading (Shanghai) Co., Ltd.", None, "上海", 3),
    (112, "深圳长青物流有限公司", "长青", "深圳", 2),
    (113, "广州和丰电子商务有限公司", None, "广州", 4),
    (114, "Blue Harbor Logistics Ltd.", None, "深圳", 4),
]
REGIONS = ["北京", "上海", "深圳", "杭州", "成都", "苏州", "广州"]
INDUSTRIES = ["科技", "贸易", "建筑", "电商", "物流", "咨询", "医疗", "餐饮", "文化传媒"]
TAGS = ["跨境电商", "高新技术", "出口退税", "初创"]


@pytest.fixture(scope="session")
def firm() -> EntityIndex:
    return EntityIndex.from_names(clients=CLIENTS, staff=STAFF, regions=REGIONS, industries=INDUSTRIES, tags=TAGS)


def staff_viewer(staff_id: int, role: Role = Role.staff) -> Viewer:
    owners = None if role == Role.admin else frozenset({staff_id})
    name = dict(STAFF)[staff_id]
    return Viewer(kind="staff", name=name, staff_id=staff_id, role=role, owner_ids=owners)


ADMIN = staff_viewer(1, Role.admin)
WANG = staff_viewer(2)
CONTACT = Viewer(kind="contact", name="梁飞", client_id=101, contact_id=7)


@pytest.fixture
def ask(firm: EntityIndex) -> Callable[..., Understood]:
    def _ask(text: str, *, today: date = TODAY, viewer: Viewer = ADMIN) -> Understood:
        return understand(text, today=today, viewer=viewer, index=firm)

    return _ask


@pytest.fixture
def read(firm: EntityIndex) -> Callable[..., Outcome]:
    """The generalised reading (rules + classifier, bot/understand/generalise.py) of a question."""
    def _read(text: str, viewer: Viewer = ADMIN) -> Outcome:
        return interpret(text, today=TODAY, viewer=viewer, index=firm)

    return _read


def fields(reading: Understood | Outcome) -> dict:
    """The Query as plain data without defaults, for compact expectations."""
    understood = reading.understood if isinstance(reading, Outcome) else reading
    return understood.query.model_dump(mode="json", exclude_defaults=True)
