"""Client files and words over Slack: file_share events signed as Slack signs them, Bolt on the real server, the
file fetched from the fake Slack's url_private_download with the bot token, in a DM and in a shared channel bound to
the client; the owner's notice through the outbox and the 确认收款 click through Bolt."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.commands.platforms import bind_identity
from bot.sending import OutboxSender
from bot.server import create_app
from domain.models import Allocation, ChatBinding, Payment
from tests.adapters.slack.conftest import SECRET, TOKEN, buttons, click, post_event, post_form
from tests.clients.support import NOON, PDF, PNG, add_requests, files, statuses
from tests.fakes.slack_api import TEAM_ID, FakeSlackApi
from tests.small_firm import DUPING_SLACK, SmallFirm, build_small_firm

LINA = "U0LINA"
SHARED = "C0SHARED"  # a Slack Connect channel with the client, bound to it


@pytest.fixture
def slack(make_app, tmp_path: Path) -> Iterator[tuple[App, FakeSlackApi, SmallFirm, int, Path]]:
    store = tmp_path / "store"
    with FakeSlackApi(token=TOKEN) as api:
        app = make_app(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_base_url=api.api_url,
                       files_dir=str(store))
        app.clock = app.clock.at(NOON)
        firm = build_small_firm(app)
        client_id = add_requests(app, firm.contact_client)
        with app.session() as session:
            bind_identity(session, "slack", LINA, firm.contact_label)
            session.add(ChatBinding(platform="slack", chat_id=SHARED, client_id=client_id))
        yield app, api, firm, client_id, store


def file_share(user: str, text: str, shared: list[dict[str, Any]], channel: str = "D0LINA",
               ts: str = "1790000001.000001") -> dict[str, Any]:
    return {"type": "message", "subtype": "file_share", "channel_type": "im" if channel.startswith("D") else "channel",
            "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts, "team": TEAM_ID,
            "files": shared}


def posted(api: FakeSlackApi, channel: str) -> list[str]:
    return [c.block_text() or c.params.get("text", "") for c in api.calls("chat.postMessage")
            if c.params.get("channel") == channel]


def test_a_pdf_in_a_dm_is_fetched_with_the_bot_token_stored_and_matched(slack) -> None:
    app, api, _, client_id, store = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "10月的流水", [api.share_file(PDF, "statement.pdf")]), "EvF1")
    [ack] = posted(api, "D0LINA")
    assert "已记为：2026-10 银行对账单" in ack
    assert statuses(app, client_id)["银行对账单"] == "received"
    [download] = api.calls("file")
    assert download.request.headers["authorization"] == f"Bearer {TOKEN}"
    [row] = files(app)
    assert (store / row.sha256[:2] / row.sha256[2:4] / row.sha256).read_bytes() == PDF


def test_anyone_of_the_client_in_its_shared_channel_is_heard(slack) -> None:
    app, api, _, client_id, _ = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share("U0EXTERNAL", "工资表", [api.share_file(PDF, "payroll-oct.pdf")], SHARED), "EvF2")
    assert statuses(app, client_id)["工资表"] == "received"
    [row] = files(app)
    assert (row.client_id, row.sender, row.contact_id) == (client_id, "U0EXTERNAL", None)
    assert "已记为：2026-10 工资表" in posted(api, SHARED)[0]


def test_files_in_an_unbound_channel_or_from_staff_in_the_shared_channel_are_not_downloaded(slack) -> None:
    app, api, _, _, store = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share("U0EXTERNAL", "", [api.share_file(PDF, "a.pdf")], "C0OTHER"), "EvF3")
        post_event(server, file_share(DUPING_SLACK, "", [api.share_file(PDF, "b.pdf")], SHARED), "EvF4")
        post_event(server, file_share("U0STRANGER", "", [api.share_file(PDF, "c.pdf")], "D0STRANGER"), "EvF5")
    assert api.calls("file") == [] and files(app) == [] and not store.exists()


def test_a_url_outside_slacks_file_host_is_never_fetched(slack) -> None:
    app, api, _, _, _ = slack
    shared = api.share_file(PDF, "x.pdf")
    shared["url_private_download"] = "https://files.evil.example/x.pdf"
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "", [shared]), "EvF6")
    assert api.calls("file") == []
    [row] = files(app)
    assert (row.status, row.reason) == ("failed", "download")
    assert "没能取到" in posted(api, "D0LINA")[0]


def test_paid_with_the_screenshot_in_one_message_then_the_owner_confirms(slack) -> None:
    app, api, _, client_id, _ = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "已付款 ¥2,000", [api.share_file(PNG, "transfer.png", "image/png")]),
                   "EvF7")
        api.wait_for("chat.postMessage")  # the client's acknowledgement: the claim is queued by then
        later = app.clock.now() + timedelta(minutes=app.settings.owner_notice_minutes + 1)
        OutboxSender(app).drain(lambda: later)
        [notice] = [c for c in api.calls("chat.postMessage") if c.params.get("channel") == DUPING_SLACK]
        assert "说已付款 ¥2,000.00" in notice.block_text() and "transfer.png" in notice.block_text()
        [confirm] = [b for b in buttons(notice.blocks) if b["text"]["text"] == "确认收款"]
        post_form(server, click(DUPING_SLACK, confirm, api.response_url("r1"), channel=DUPING_SLACK))
    with app.session() as session:
        [payment] = session.execute(select(Payment)).scalars()
        [allocation] = session.execute(select(Allocation)).scalars()
    assert payment.amount_cents == 200_000 and payment.client_id == client_id
    assert allocation.amount_cents == 100_000  # INV-0001 (¥1,000) settled; the rest is credit
    assert set(statuses(app, client_id).values()) == {"pending"}


def test_an_ambiguous_file_asks_with_buttons_and_the_clients_click_completes_it(slack) -> None:
    app, api, _, client_id, _ = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "", [api.share_file(PDF, "scan0001.pdf")]), "EvF8")
        [question] = api.wait_for("chat.postMessage")
        assert "是哪一项资料" in question.block_text()
        [payroll] = [b for b in buttons(question.blocks) if b["text"]["text"] == "2026-10 工资表"]
        post_form(server, click(LINA, payroll, api.response_url("r2"), channel="D0LINA"))
    assert statuses(app, client_id) == {"银行对账单": "pending", "进项发票": "pending", "工资表": "received"}
    [row] = files(app)
    assert row.status == "matched" and row.period == "2026-10"


def test_a_stranger_cannot_press_a_clients_pick_button(slack) -> None:
    app, api, _, client_id, _ = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "", [api.share_file(PDF, "scan0002.pdf")]), "EvF9")
        [question] = api.wait_for("chat.postMessage")
        [payroll] = [b for b in buttons(question.blocks) if b["text"]["text"] == "2026-10 工资表"]
        post_form(server, click("U0STRANGER", payroll, api.response_url("r3"), channel="D0LINA"))
    assert set(statuses(app, client_id).values()) == {"pending"}


def test_english_words_get_an_english_acknowledgement(slack) -> None:
    app, api, _, _, _ = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "October bank statement", [api.share_file(PDF, "oct.pdf")]), "EvF10")
    [ack] = posted(api, "D0LINA")
    assert "Received, thank you! Recorded as: 2026-10 银行对账单." in ack and "Still missing for 2026-10" in ack


def test_a_picture_with_words_is_matched_and_chasing_stops(slack) -> None:
    from tests.bot.jobs.support import at, plan

    app, api, firm, _, _ = slack
    with TestClient(create_app(app)) as server:
        post_event(server, file_share(LINA, "10月工资表拍照", [api.share_file(PNG, "IMG_0412.png", "image/png")]),
                   "EvF11")
    assert "已记为：2026-10 工资表" in posted(api, "D0LINA")[0]
    [row] = files(app)
    assert (row.family, row.status) == ("image", "matched")
    [chase] = [d for d in plan(app, at("2026-11-23"), "document_chase", record=False)
               if d.reply.data.get("client") == firm.contact_client]
    assert {i["item"] for i in chase.reply.data["items"]} == {"银行对账单", "进项发票"}
