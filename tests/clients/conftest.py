"""The WeCom kit for client-reply tests: the real server, the fake WeCom (media/get included), the small firm with
李娜 bound as a client contact, three pending 2026-10 document requests, and a local file store in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.sending import OutboxSender
from bot.server import create_app
from tests.adapters.wecom.conftest import AES_KEY, DUPING, TOKEN, WeComKit, bind_wecom_users
from tests.clients.support import NOON, add_requests
from tests.fakes.wecom_api import FakeWeCom, WeComSide
from tests.small_firm import build_small_firm


@dataclass
class Kit:
    wecom: WeComKit
    client_id: int
    store: Path

    @property
    def app(self) -> App:
        return self.wecom.app

    def send_file(self, user: str, content: bytes, name: str = "", kind: str = "file", **extra: object) -> None:
        media_id = self.wecom.api.add_media(content, name=name or "x")
        assert self.wecom.post(self.wecom.side.media_xml(user, kind, media_id, name=name, **extra)) == 200  # type: ignore[arg-type]

    def said_to(self, user: str) -> list[str]:
        return [m["text"]["content"] for m in self.wecom.api.app_messages
                if m["touser"] == user and m["msgtype"] == "text"]

    def stored(self) -> list[Path]:
        return [p for p in self.store.rglob("*") if p.is_file()]

    def owner_cards(self) -> list[dict]:
        return [m["template_card"] for m in self.wecom.api.app_messages
                if m["touser"] == DUPING and m["msgtype"] == "template_card"]

    def owner_notices(self) -> str:
        """Deliver the owner's batched notice (due at the end of its slot) and return what 杜萍 read."""
        later = self.app.clock.now() + timedelta(minutes=self.app.settings.owner_notice_minutes + 1)
        OutboxSender(self.app).drain(lambda: later)
        return "\n".join(str(m.get("markdown", m.get("text", {})).get("content", "")) for m in
                         self.wecom.api.app_messages if m["touser"] == DUPING)


def wecom_kit(make_app, store: Path, **settings: object) -> Iterator[Kit]:
    with FakeWeCom() as api:
        app = make_app(wecom_corp_id=api.corp_id, wecom_agent_id=api.agent_id, wecom_secret=api.secret,
                       wecom_token=TOKEN, wecom_aes_key=AES_KEY, wecom_api_base_url=api.api_base,
                       files_dir=str(store), files_max_bytes=200_000,
                       files_link_secret="test-link-secret", files_public_url="http://testserver", **settings)
        app.clock = app.clock.at(NOON)
        firm = build_small_firm(app)
        bind_wecom_users(app, firm)
        client_id = add_requests(app, firm.contact_client)
        side = WeComSide(TOKEN, AES_KEY, api.corp_id, api.agent_id)
        with TestClient(create_app(app)) as server:
            yield Kit(WeComKit(app, api, side, server, firm), client_id, store)


@pytest.fixture
def kit(make_app, tmp_path: Path) -> Iterator[Kit]:
    yield from wecom_kit(make_app, tmp_path / "store")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's standalone S3-compatible server on 127.0.0.1 (an ephemeral port), spoken to over HTTP."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{server._server.server_port}"  # type: ignore[attr-defined]
    finally:
        server.stop()


@pytest.fixture
def s3_kit(make_app, tmp_path: Path, s3_endpoint: str) -> Iterator[Kit]:
    import uuid

    import boto3

    bucket = f"zf-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="test",
                 aws_secret_access_key="test").create_bucket(Bucket=bucket)
    yield from wecom_kit(make_app, tmp_path / "not-used", files_s3_bucket=bucket, files_s3_endpoint_url=s3_endpoint,
                         files_s3_region="us-east-1", files_s3_access_key_id="test",
                         files_s3_secret_access_key="test")
