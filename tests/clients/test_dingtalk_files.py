"""Client files over DingTalk (HTTP mode, requests signed as DingTalk signs them): a picture and a file message's
downloadCode exchanged for a downloadUrl through the robot messageFiles/download API with the app's token, in a 1:1
chat with a bound contact and in the client's group (bound with ChatBinding); an unbound sender's file is not
fetched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bot.server import create_app
from domain.models import ChatBinding
from tests.adapters.dingtalk.conftest import LINA, DingTalkKit, bind_dingtalk_users, configure
from tests.clients.support import NOON, PDF, PNG, add_requests, files, statuses
from tests.fakes.dingtalk_api import FakeDingTalk
from tests.small_firm import build_small_firm


@pytest.fixture
def kit(make_app, tmp_path: Path) -> Iterator[tuple[DingTalkKit, int, Path]]:
    store = tmp_path / "store"
    with FakeDingTalk() as api:
        app = configure(lambda **kw: make_app(files_dir=str(store), **kw), api, "http")
        app.clock = app.clock.at(NOON)
        firm = build_small_firm(app)
        bind_dingtalk_users(app)
        client_id = add_requests(app, firm.contact_client)
        with app.session() as session:
            session.add(ChatBinding(platform="dingtalk", chat_id="cid-group-1", client_id=client_id))
        with TestClient(create_app(app)) as server:
            yield DingTalkKit(app, api, server, firm), client_id, store


def test_a_file_from_a_bound_contact_is_downloaded_through_the_robot_api_and_matched(kit) -> None:
    ding, client_id, store = kit
    assert ding.post(ding.api.file_message(PDF, name="2026-10 进项发票.pdf", sender_id=LINA)) == 200
    assert statuses(ding.app, client_id)["进项发票"] == "received"
    [row] = files(ding.app)
    assert (store / row.sha256[:2] / row.sha256[2:4] / row.sha256).read_bytes() == PDF
    assert "已记为：2026-10 进项发票" in str(ding.api.session_messages[-1])


def test_a_picture_in_the_clients_group_is_kept_and_the_client_asked_which_item(kit) -> None:
    ding, client_id, _ = kit
    assert ding.post(ding.api.file_message(PNG, kind="picture", sender_id="$:LWCP_v1:$boss==", group=True)) == 200
    [row] = files(ding.app)
    assert (row.client_id, row.family, row.status) == (client_id, "image", "asked")
    assert "是哪一项资料" in str(ding.api.session_messages[-1])


def test_an_unbound_senders_file_is_not_downloaded(kit) -> None:
    ding, _, store = kit
    ding.post(ding.api.file_message(PDF, name="x.pdf", sender_id="$:LWCP_v1:$stranger=="))
    assert ding.api.download_requests() == [] and files(ding.app) == [] and not store.exists()
