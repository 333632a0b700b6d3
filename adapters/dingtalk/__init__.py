"""DingTalk (钉钉): the bot over Stream mode (default) or HTTP mode in, sessionWebhook answers and robots out.

`routes(app)` and `background(app)` are what bot/server.py mounts and starts; `DingTalkSender` is the
outbox's sender.
"""

from adapters.dingtalk.app import background, replay, routes
from adapters.dingtalk.sender import DingTalkSender

__all__ = ["DingTalkSender", "background", "replay", "routes"]
