"""Reply → DingTalk bodies: markdown with DingTalk's line breaks, ActionCard buttons that send the action back,
long answers split within the limit."""

from __future__ import annotations

from urllib.parse import unquote

from adapters.dingtalk.inbound import parse, to_incoming
from adapters.dingtalk.outbound import MARKDOWN_LIMIT, SEND_MESSAGE, messages
from bot.reply import Action, Reply, TableColumn
from tests.fakes.dingtalk_api import message_problem

COLUMNS = [TableColumn(key="client", label="客户"), TableColumn(key="amount", label="逾期金额", align="right")]


def test_markdown_with_title_breaks_and_table_lines() -> None:
    reply = Reply(intent="x", title="逾期客户", text="共 2 家。\n合计 ¥3.00。", columns=COLUMNS,
                  rows=[["甲公司", "¥1.00"], ["乙公司", "¥2.00"]], sections=[("口径", ["逾期 = 已过到期日仍未付清"])])
    [body] = messages(reply)
    assert body["msgtype"] == "markdown" and message_problem(body) is None
    assert body["markdown"]["title"] == "逾期客户"
    text = body["markdown"]["text"]
    assert text.startswith("#### 逾期客户\n\n共 2 家。  \n合计 ¥3.00。")
    assert "**客户 · 逾期金额**  \n甲公司 · ¥1.00  \n乙公司 · ¥2.00" in text
    assert "**口径**  \n- 逾期 = 已过到期日仍未付清" in text


def test_title_falls_back_to_the_first_line() -> None:
    [body] = messages(Reply(intent="x", text="\n贵司的资料都已提交，谢谢配合！"))
    assert body["markdown"]["title"] == "贵司的资料都已提交，谢谢配合！"


def test_actions_become_an_action_card_whose_buttons_send_the_value_back() -> None:
    value = 'zf:more:10:{"intent":"overdue_clients","clients":{"owner_names":["杜萍"]}}'
    reply = Reply(intent="x", title="逾期客户", text="共 13 家。", actions=[Action(label="显示更多", value=value)])
    [card] = messages(reply)
    assert card["msgtype"] == "actionCard" and message_problem(card) is None
    [button] = card["actionCard"]["btns"]
    assert button["title"] == "显示更多"
    assert button["actionURL"].startswith(SEND_MESSAGE)
    assert " " not in button["actionURL"] and "{" not in button["actionURL"]  # fully URL-encoded
    sent_back = unquote(button["actionURL"].removeprefix(SEND_MESSAGE))
    assert sent_back == value
    data = {"msgtype": "text", "text": {"content": sent_back}, "senderStaffId": "u1", "sessionWebhook": "http://x",
            "msgId": "m1", "conversationType": "1"}
    message = to_incoming(parse(data))
    assert message is not None and message.action == value


def test_long_answer_is_split_and_the_buttons_ride_on_the_last_piece() -> None:
    rows = [[f"上海明远{n:03d}贸易有限公司", f"¥{n},000.00"] for n in range(400)]
    reply = Reply(intent="x", title="逾期客户", text="很多。", columns=COLUMNS, rows=rows,
                  actions=[Action(label="显示更多", value="zf:more:400:{}")])
    bodies = messages(reply)
    assert len(bodies) > 1
    assert [b["msgtype"] for b in bodies] == ["markdown"] * (len(bodies) - 1) + ["actionCard"]
    texts = [b.get("markdown", b.get("actionCard"))["text"] for b in bodies]
    assert all(len(t.encode()) <= MARKDOWN_LIMIT for t in texts)
    assert all(message_problem(b) is None for b in bodies)
    lines = [line.rstrip() for line in "\n".join(texts).split("\n") if "贸易有限公司" in line]
    assert lines == [" · ".join(row) for row in rows]
