"""Who a client message is from: a chat user bound to a client contact, or anyone who is not staff writing in a
group chat bound to a client (ChatBinding). Either way the message is read as that client and touches only it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messages import IncomingMessage
from domain.models import ChatBinding
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App


def bound_group_client(session: Session, message: IncomingMessage) -> int | None:
    if message.is_direct or not message.chat_id:
        return None
    return session.execute(select(ChatBinding.client_id).where(
        ChatBinding.platform == message.platform, ChatBinding.chat_id == message.chat_id)).scalar_one_or_none()


def group_member(session: Session, message: IncomingMessage) -> Viewer | None:
    """A sender nobody bound, writing in a group bound to a client: that client, with the sender's platform id."""
    client_id = bound_group_client(session, message)
    if client_id is None:
        return None
    label = str(message.extras.get("sender_name") or message.sender_id)[:100]
    return Viewer(kind="contact", name=label, client_id=client_id)


def speaks_for_client(app: App, platform: str, chat_id: str, sender_id: str) -> bool:
    """Whether a group message not addressed to the bot is a client's: the chat is bound to a client and the sender
    is not staff (staff talking in a client's channel are not asking the bot anything)."""
    from bot.conversation import resolve_viewer

    message = IncomingMessage(platform=platform, chat_id=chat_id, sender_id=sender_id, text="", is_direct=False)
    with app.session() as session:
        if bound_group_client(session, message) is None:
            return False
        viewer = resolve_viewer(session, platform, sender_id)
    return viewer is None or viewer.is_contact


def wecom_owner_of(app: App, external_userid: str) -> str | None:
    """The WeCom userid of the owner of the client whose contact has this WeCom external userid (客户联系)."""
    from sqlalchemy.orm import aliased

    from domain.models import ChatIdentity, Client, Contact

    theirs, ours = aliased(ChatIdentity), aliased(ChatIdentity)
    with app.session() as session:
        return session.execute(
            select(ours.user_id).select_from(theirs).join(Contact, Contact.id == theirs.contact_id)
            .join(Client, Client.id == Contact.client_id)
            .join(ours, (ours.staff_id == Client.owner_id) & (ours.platform == "wecom"))
            .where(theirs.platform == "wecom", theirs.user_id == external_userid)
            .order_by(ours.created_at, ours.id).limit(1)
        ).scalar_one_or_none()
