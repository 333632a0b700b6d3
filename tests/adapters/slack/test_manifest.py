"""The Slack app manifest in the repo matches what the code listens to, so the README's steps work."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

import adapters.slack
from adapters.slack.app import EVENTS_PATH

MANIFEST = yaml.safe_load((Path(adapters.slack.__file__).parent / "manifest.yaml").read_text(encoding="utf-8"))


def test_every_request_url_is_the_events_endpoint() -> None:
    settings = MANIFEST["settings"]
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
            *[c["url"] for c in MANIFEST["features"]["slash_commands"]]]
    assert {urlsplit(url).path for url in urls} == {EVENTS_PATH}
    assert settings["interactivity"]["is_enabled"] is True


def test_events_command_and_scopes_are_the_ones_handled() -> None:
    assert set(MANIFEST["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.im", "app_home_opened", "message.channels", "message.groups"}  # clients' channels
    assert [c["command"] for c in MANIFEST["features"]["slash_commands"]] == ["/zf"]
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "im:history", "chat:write", "commands", "files:write"} <= scopes
    assert {"files:read", "channels:history", "groups:history"} <= scopes  # clients' files in shared channels
    # a retried outbox post looks for its earlier post (conversations.history) in DMs, channels and private channels
    assert {"im:history", "channels:history", "groups:history", "im:write"} <= scopes
