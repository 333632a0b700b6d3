"""Where reminders go: staff by their chat identity (the earliest) in the firm's platform order, clients by
their bound group chat or their contacts, escalations to the manager; and each reader's scope."""

from __future__ import annotations

from datetime import date

from bot.jobs.recipients import Directory
from bot.jobs.settings import load_reminder_settings
from domain.models import ChatBinding, ChatIdentity, Staff
from domain.scope import viewer_for_staff
from tests.bot.jobs.support import SLACK, build, generated


def _directory(app, session, **reminders) -> Directory:
    settings = load_reminder_settings().model_copy(update=reminders)
    return Directory(session, app.settings, settings)


def _people(firm):
    boss = firm.staff("老板", role="admin")
    manager = firm.staff("经理", role="manager", manager=boss)
    both = firm.staff("两个号", manager=manager, wecom="wecom-both", slack="U-BOTH")
    bound = firm.staff("绑过的", manager=manager, slack="U-BOUND")
    nobody = firm.staff("没账号", manager=manager)
    firm.session.add(ChatIdentity(platform="slack", user_id="U-LATER", staff_id=bound.id))  # a second, later id
    firm.session.flush()
    return {s.name: s.id for s in (boss, manager, both, bound, nobody)}


def test_staff_are_reached_in_the_firms_platform_order_earliest_identity_first(make_app) -> None:
    app = make_app()
    ids = build(app, _people)
    with app.session() as session:
        directory = _directory(app, session)
        both, bound = directory.staff(ids["两个号"]), directory.staff(ids["绑过的"])
        assert (both.destination.platform, both.destination.address) == ("wecom", "wecom-both")
        assert (bound.destination.platform, bound.destination.address) == ("slack", "U-BOUND")
        assert bound.key == f"staff:{ids['绑过的']}" and bound.destination.kind == "user"
        slack_first = _directory(app, session, platforms=["slack", "wecom"]).staff(ids["两个号"])
        assert slack_first.destination.address == "U-BOTH"
        # no platform is configured (a demo): someone without any chat id is shown on the console
        assert directory.staff(ids["没账号"]).destination.platform == "console"
        assert directory.manager_of(ids["两个号"]) == ids["经理"]
        assert directory.manager_of(ids["老板"]) is None


def test_only_configured_platforms_are_used_once_one_is_configured(make_app) -> None:
    app = make_app(**SLACK)
    ids = build(app, _people)
    with app.session() as session:
        directory = _directory(app, session)
        assert directory.staff(ids["两个号"]).destination.address == "U-BOTH"  # WeCom is not configured
        assert directory.staff(ids["没账号"]) is None


def test_a_client_is_reached_in_its_group_chat_else_through_its_contacts(make_app) -> None:
    app = make_app(**SLACK)

    def fill(firm):
        owner = firm.staff("王芳")
        names = ("有群", "机器人", "有联系人", "联系不上")
        grouped, robot, people, silent = (firm.client(name, owner) for name in names)
        firm.session.add_all([ChatBinding(platform="slack", chat_id="C-GROUP", client_id=grouped.id),
                              ChatBinding(platform="wecom", chat_id="https://qyapi.weixin.qq.com/x?key=k",
                                          client_id=robot.id)])
        firm.contact(grouped, "群里的人", primary=True, slack="U-G")
        firm.contact(people, "次要", slack="U-SECOND")
        firm.contact(people, "主要", primary=True, slack="U-PRIMARY")
        firm.contact(people, "没号")
        firm.contact(silent, "没号")
        return {c.name: c.id for c in (grouped, robot, people, silent)}

    ids = build(app, fill)
    with app.session() as session:
        reach = _directory(app, session).clients(ids.values())
        assert [(r.destination.kind, r.destination.address) for r in reach[ids["有群"]]] == [("chat", "C-GROUP")]
        assert [r.destination.address for r in reach[ids["有联系人"]]] == ["U-PRIMARY"]
        assert reach[ids["机器人"]] == []  # a WeCom robot, but WeCom is not configured
        assert reach[ids["联系不上"]] == []
        every = _directory(app, session, contacts="all").clients([ids["有联系人"]])[ids["有联系人"]]
        assert [r.destination.address for r in every] == ["U-PRIMARY", "U-SECOND"]
    wecom_app = make_app(wecom_corp_id="corp", wecom_token="t", wecom_aes_key="k" * 43)
    on_wecom = build(wecom_app, fill)
    with wecom_app.session() as session:
        robot = _directory(wecom_app, session).clients([on_wecom["机器人"]])[on_wecom["机器人"]]
        assert [r.destination.kind for r in robot] == ["webhook"]


def test_each_readers_scope_is_the_one_domain_scope_gives(make_app) -> None:
    app = make_app()
    generated(app, 160, date(2026, 11, 20))
    with app.session() as session:
        directory = _directory(app, session)
        for staff in session.query(Staff).all():
            assert directory.viewer(staff.id) == viewer_for_staff(session, staff), staff.name
        assert {p.role for p in directory.readers()} <= {"manager", "admin"}
        assert len(directory.readers()) == session.query(Staff).filter(Staff.role != "staff").count()
