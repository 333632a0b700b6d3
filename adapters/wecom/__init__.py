"""WeCom (企业微信): a self-built app's encrypted callback in, app messages and group robots out.

`routes(app)` gives the Starlette routes bot/server.py mounts; `WeComSender` is the outbox's sender.
"""

from adapters.wecom.app import replay, routes
from adapters.wecom.sender import WeComSender

__all__ = ["WeComSender", "replay", "routes"]
