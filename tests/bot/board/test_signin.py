"""Board sign-in over HTTP (SQLite and PostgreSQL): a link from a chat reply signs in once, within 10 minutes; the
session cookie is signed, HttpOnly, SameSite=Lax, 8 hours; pages are scoped to the signed-in person; a client
contact gets no link; WeCom OAuth against the fake WeCom; security headers; rate limits."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bot.board import routes as board_routes
from bot.board import signin
from bot.bootstrap import App
from bot.conversation import answerer, resolve_viewer
from bot.server import create_app
from domain.models import ChatIdentity, Contact, Staff
from domain.scope import viewer_for_contact, viewer_for_staff
from tests.fakes.wecom_api import FakeWeCom
from tests.small_firm import SmallFirm, build_small_firm

PUBLIC = "https://zf.example.cn"


@pytest.fixture(autouse=True)
def _fresh_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(board_routes, "sign_ins_by_ip", signin.RateLimiter(limit=20, seconds=60))
    monkeypatch.setattr(board_routes, "sign_ins_by_token", signin.RateLimiter(limit=3, seconds=600))


@pytest.fixture
def small(make_app: Callable[..., App]) -> tuple[App, SmallFirm]:
    app = make_app(public_url=PUBLIC)
    return app, build_small_firm(app)


def _staff_viewer(app: App, name: str):
    with app.session() as session:
        staff = session.execute(select(Staff).where(Staff.name == name)).scalar_one()
        return viewer_for_staff(session, staff)


def _link_from_chat(app: App, name: str, words: str = "打开看板") -> str:
    reply = answerer(app).answer(_staff_viewer(app, name), words)
    assert reply.intent == "board"
    url = reply.data["value"]
    assert url in reply.text and url.startswith(f"{PUBLIC}/board/signin/")
    return url.removeprefix(PUBLIC)


def test_a_chat_link_signs_in_once_with_a_safe_cookie(small: tuple[App, SmallFirm]) -> None:
    app, firm = small
    path = _link_from_chat(app, "杜萍")
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        assert client.get("/board/b/receivables").status_code == 401  # not signed in yet
        first = client.get(path, follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/board"
        cookie = first.headers["set-cookie"]
        for part in ("HttpOnly", "SameSite=lax", "Secure", "Max-Age=28800", "Path=/board"):
            assert part in cookie
        page = client.get("/board/b/receivables")
        assert page.status_code == 200 and firm.duping_clients[-1] in page.text
        assert firm.wangfang_clients[0] not in page.text  # 杜萍 sees only her clients
    with TestClient(create_app(app), base_url=PUBLIC) as other:
        again = other.get(path, follow_redirects=False)
        assert again.status_code == 410 and "打开看板" in again.text  # used: says how to get a new one
        assert "zf_board=" not in again.headers.get("set-cookie", "")


def test_an_expired_link_is_refused(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    with app.session() as session:
        sid = session.execute(select(Staff.id).where(Staff.name == "杜萍")).scalar_one()
    url = signin.issue_link(app, sid, now=datetime.now(UTC) - timedelta(minutes=11))
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        response = client.get(url.removeprefix(PUBLIC), follow_redirects=False)
        assert response.status_code == 410 and "过期" in response.text
        assert client.get("/board/signin/not-a-token", follow_redirects=False).status_code == 410


def test_the_link_is_consumed_once_under_concurrency(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    token = _link_from_chat(app, "王芳").rsplit("/", 1)[1]
    got: list[int | None] = []
    barrier = threading.Barrier(4)

    def open_it() -> None:
        barrier.wait()
        got.append(signin.consume_link(app, token))

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for g in got if g is not None) == 1


def test_a_forged_or_expired_cookie_is_not_a_session(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    good = signin.session_cookie(app, 1)
    sid, expires, mac = good.split(".")
    assert signin.cookie_staff(app, good) == 1
    assert signin.cookie_staff(app, f"2.{expires}.{mac}") is None  # another staff id, same signature
    assert signin.cookie_staff(app, f"{sid}.{int(expires) + 99}.{mac}") is None
    assert signin.cookie_staff(app, good, now=int(expires) + 1) is None  # after 8 hours
    assert signin.cookie_staff(app, "garbage") is None
    with TestClient(create_app(app), base_url=PUBLIC, cookies={signin.COOKIE: f"2.{expires}.{mac}"}) as client:
        assert client.get("/board").status_code == 401


def test_the_generated_secret_is_kept(small: tuple[App, SmallFirm], make_app: Callable[..., App]) -> None:
    app, _ = small
    first = signin.board_secret(app)
    app.extras.pop("board_secret")
    assert signin.board_secret(app) == first and len(first) == 64


def test_a_client_contact_gets_no_board(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    with app.session() as session:
        contact = session.execute(select(Contact).where(Contact.name == "李娜")).scalar_one()
        viewer = viewer_for_contact(contact)
    for words in ("打开看板", "dashboard"):
        reply = answerer(app).answer(viewer, words)
        assert "/board/" not in reply.text and reply.data["value"] is None
    with app.session() as session:
        assert session.execute(select(signin.BoardLink)).first() is None


def test_english_words_and_the_digest_button(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    viewer = _staff_viewer(app, "杜萍")
    english = answerer(app).answer(viewer, "dashboard")
    assert "valid for 10 minutes" in english.text
    pressed = answerer(app).answer(viewer, "", action="zf:board")
    assert pressed.intent == "board" and "/board/signin/" in pressed.text


def test_security_headers_and_no_figures_in_addresses(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    path = _link_from_chat(app, "杜萍")
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        client.get(path)
        page = client.get("/board/b/receivables")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert "<script>" not in page.text and "onclick" not in page.text  # no inline script
        for href in __import__("re").findall(r'href="([^"]+)"', page.text):
            assert "上海" not in href and "¥" not in href
        assert client.get("/board/signin/x", follow_redirects=False).headers["referrer-policy"] == "no-referrer"


def test_sign_in_is_rate_limited(small: tuple[App, SmallFirm]) -> None:
    app, _ = small
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        codes = [client.get("/board/signin/same-token", follow_redirects=False).status_code for _ in range(4)]
        assert codes == [410, 410, 410, 429]  # per token
        codes = [client.get(f"/board/signin/t{n}", follow_redirects=False).status_code for n in range(20)]
        assert codes[-1] == 429 and 410 in codes  # per address


def test_a_staff_member_cannot_open_another_persons_client(small: tuple[App, SmallFirm]) -> None:
    app, firm = small
    with app.session() as session:
        other = session.execute(select(signin.Staff).where(Staff.name == "王芳")).scalar_one()
        from domain.models import Client

        theirs = session.execute(select(Client.id).where(Client.owner_id == other.id)).scalar_one()
        mine = session.execute(select(Client.id).where(Client.name == firm.duping_clients[0])).scalar_one()
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        client.get(_link_from_chat(app, "杜萍"))
        assert client.get(f"/board/client/{mine}").status_code == 200
        assert client.get(f"/board/client/{theirs}").status_code == 404


@pytest.fixture
def wecom() -> Iterator[FakeWeCom]:
    with FakeWeCom() as api:
        yield api


def test_wecom_oauth_signs_in_a_bound_staff_member(make_app: Callable[..., App], wecom: FakeWeCom) -> None:
    app = make_app(public_url=PUBLIC, wecom_corp_id=wecom.corp_id, wecom_agent_id=wecom.agent_id,
                   wecom_secret=wecom.secret, wecom_api_base_url=wecom.api_base)
    build_small_firm(app)
    with app.session() as session:
        duping = session.execute(select(Staff).where(Staff.name == "杜萍")).scalar_one()
        session.add(ChatIdentity(platform="wecom", user_id="DuPing", staff_id=duping.id))
    with app.session() as session:
        assert resolve_viewer(session, "wecom", "DuPing") is not None
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        start = client.get("/board/wecom", follow_redirects=False)
        assert start.status_code == 302
        target = urlsplit(start.headers["location"])
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert target.netloc == "open.weixin.qq.com" and query["appid"] == wecom.corp_id
        assert query["redirect_uri"] == f"{PUBLIC}/board/wecom/callback" and query["scope"] == "snsapi_base"
        state = query["state"]
        code = wecom.sign_in_code("DuPing")
        assert client.get(f"/board/wecom/callback?code={code}&state=wrong", follow_redirects=False).status_code \
            == 403  # a state that is not ours
        done = client.get(f"/board/wecom/callback?code={code}&state={state}", follow_redirects=False)
        assert done.status_code == 303 and "zf_board=" in done.headers["set-cookie"]
        assert client.get("/board/b/staff").status_code == 200
        again = client.get(f"/board/wecom/callback?code={code}&state={state}", follow_redirects=False)
        assert again.status_code == 403  # the code was used


def test_wecom_oauth_refuses_outsiders_and_unknown_members(make_app: Callable[..., App], wecom: FakeWeCom) -> None:
    app = make_app(public_url=PUBLIC, wecom_corp_id=wecom.corp_id, wecom_secret=wecom.secret,
                   wecom_api_base_url=wecom.api_base)
    build_small_firm(app)
    with TestClient(create_app(app), base_url=PUBLIC) as client:
        for code in (wecom.sign_in_code(external="wmEXTERNAL"), wecom.sign_in_code("NoSuchUser"), "bogus"):
            state = parse_qs(urlsplit(client.get("/board/wecom", follow_redirects=False).headers["location"])
                             .query)["state"][0]
            refused = client.get(f"/board/wecom/callback?code={code}&state={state}", follow_redirects=False)
            assert refused.status_code == 403 and "zf_board=" not in refused.headers.get("set-cookie", "")
