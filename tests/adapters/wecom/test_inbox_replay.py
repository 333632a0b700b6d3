"""A WeCom message acknowledged but not answered when the server died is answered once by the next start."""

from __future__ import annotations

from starlette.testclient import TestClient

from adapters.wecom.app import build_callback
from bot.bootstrap import bootstrap
from bot.server import create_app
from tests.adapters.wecom.conftest import WANGFANG, WeComKit


def _answers(kit: WeComKit) -> int:
    return sum(1 for message in kit.api.app_messages if message["touser"] == WANGFANG)


def test_an_accepted_wecom_message_is_answered_once_after_a_restart(kit: WeComKit) -> None:
    params, body = kit.side.callback(kit.side.text_xml(WANGFANG, "帮助", "7309990000000001"))
    assert build_callback(kit.app).accept(params, body) is not None  # recorded (acked), then the process died
    assert _answers(kit) == 0
    for _ in range(2):  # the first start answers it; the second does not again
        with TestClient(create_app(bootstrap(kit.app.settings, engine=kit.app.engine, clock=kit.app.clock))):
            pass
        assert _answers(kit) == 1
    assert kit.ask(WANGFANG, "帮助", msg_id="7309990000000001") == 200  # WeCom's late retry: still answered once
    assert _answers(kit) == 1
