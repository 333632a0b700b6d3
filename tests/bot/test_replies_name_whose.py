"""Replies that mislead or shrug (issue 9, item 7), on the sample firm through the real answer path:
a scoped answer names whose clients it covers; a colleague who does not exist is said not to exist, with the
closest names on the staff, instead of the generic "没听懂"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.bootstrap import App
from bot.conversation import answerer
from bot.reply import Reply
from bot.texts import t
from domain.models import Role, Staff
from domain.scope import find_staff, viewer_for_staff


def _ask(app: App, question: str, who: str | None = None) -> Reply:
    with app.session() as session:
        staff = (find_staff(session, who) if who else
                 session.execute(select(Staff).where(Staff.role == Role.admin).order_by(Staff.id)).scalars().first())
        viewer = viewer_for_staff(session, staff)
    return answerer(app).answer(viewer, question)


@pytest.mark.parametrize(("question", "prefix"), [
    ("刘建手上有多少客户逾期", "在刘建负责的客户中，共有 5 家客户逾期"),
    ("刘建的逾期客户", "在刘建负责的客户中，共 5 家客户逾期"),
    ("Liu Jian's overdue clients", "Among the clients of 刘建: 5 clients are overdue"),
])
def test_a_colleagues_figure_says_whose_clients_it_covers(sample_app: App, question: str, prefix: str) -> None:
    reply = _ask(sample_app, question)
    assert reply.text.startswith(prefix), reply.text
    assert reply.data["text"] == reply.text


def test_my_figure_says_it_is_mine_and_the_firms_says_nothing(sample_app: App) -> None:
    mine = _ask(sample_app, "我的逾期客户", who="刘建")
    assert mine.text.startswith(t("zh", "reliability.scope.yours")), mine.text
    firm = _ask(sample_app, "有多少客户逾期")
    assert not firm.text.startswith("在") and "负责的客户中" not in firm.text
    count = _ask(sample_app, "秦霞负责多少个客户")
    assert count.text.startswith("秦霞 负责")  # the staff count names its colleague already: no second prefix


def test_a_colleague_who_does_not_exist_is_said_not_to_exist(sample_app: App) -> None:
    reply = _ask(sample_app, "张伟负责多少个客户")
    assert reply.intent == "unknown"
    assert reply.text.startswith(t("zh", "reliability.no_such_colleague", name="张伟"))
    assert t("zh", "common.unknown") not in reply.text


def test_the_closest_names_are_offered(sample_app: App) -> None:
    reply = _ask(sample_app, "秦雪负责多少个客户")  # one character off both 秦霞 and 秦强: asked, never guessed
    assert reply.text.startswith(t("zh", "reliability.no_such_colleague", name="秦雪"))
    assert reply.intent == "unknown"
    assert reply.suggestions[0] == "秦霞负责多少个客户"
    assert set(reply.suggestions) <= {"秦霞负责多少个客户", "秦强负责多少个客户"}
    english = _ask(sample_app, "how many clients does Qin Xa have")
    assert english.text.startswith(t("en", "reliability.no_such_colleague", name="Qin Xa"))
    assert "秦霞" in english.text
    assert _ask(sample_app, "秦霞负责多少个客户").intent == "staff_client_count"  # a real colleague is answered


@pytest.mark.parametrize("question", ["明天会下雨吗", "今年的天气怎么样", "明远负责多少个客户"])
def test_words_that_are_not_a_colleague_are_left_alone(sample_app: App, question: str) -> None:
    assert "同事" not in _ask(sample_app, question).text


@pytest.mark.parametrize(("who", "question", "prefix"), [
    ("刘建", "有多少客户逾期", t("zh", "reliability.scope.yours")),
    ("黎静", "有多少客户逾期", t("zh", "reliability.scope.team")),
    ("刘建", "how many clients are overdue", t("en", "reliability.scope.yours")),
    ("黎静", "receivable balance", t("en", "reliability.scope.team")),
])
def test_a_staff_members_answer_says_it_covers_their_clients_not_the_firms(sample_app: App, who: str,
                                                                            question: str, prefix: str) -> None:
    assert _ask(sample_app, question, who=who).text.startswith(prefix)


def test_a_name_that_sounds_like_one_colleague_is_that_colleague(sample_app: App) -> None:
    reply = _ask(sample_app, "秦夏负责多少个客户")  # qin xia: only 秦霞 sounds so; the answer names her
    assert reply.intent == "staff_client_count"
    assert reply.text.startswith("秦霞 负责")
