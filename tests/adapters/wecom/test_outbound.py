"""Reply → WeCom bodies: markdown for WeCom readers, text otherwise, split within WeCom's byte limits."""

from __future__ import annotations

from adapters.wecom.outbound import (
    APP_MARKDOWN_LIMIT,
    APP_TEXT_LIMIT,
    ROBOT_MARKDOWN_LIMIT,
    button_card,
    messages,
)
from bot.reply import Action, Reply, TableColumn
from tests.fakes.wecom_api import LIMITS, ROBOT_LIMITS, card_problem, message_problem

COLUMNS = [TableColumn(key="client", label="客户"), TableColumn(key="amount", label="逾期金额", align="right")]


def long_reply(rows: int = 300) -> Reply:
    return Reply(intent="overdue_clients", title="逾期客户", text=f"共 {rows} 家客户逾期。", columns=COLUMNS,
                 rows=[[f"上海明远{n:03d}贸易有限公司", f"¥{n},000.00"] for n in range(rows)], total_rows=rows)


def test_markdown_has_title_table_and_suggestions() -> None:
    reply = Reply(intent="x", title="逾期客户", text="共 2 家。", columns=COLUMNS, rows=[["甲公司", "¥1.00"]],
                  suggestions=["帮助"])
    [body] = messages(reply, markdown=True)
    content = body["markdown"]["content"]
    assert content.startswith("**逾期客户**\n\n共 2 家。")
    assert "**客户 · 逾期金额**\n甲公司 · ¥1.00" in content
    assert "帮助" in content
    assert message_problem(body, LIMITS) is None


def test_text_for_readers_without_markdown() -> None:
    [body] = messages(Reply(intent="x", title="标题", text="正文"), markdown=False)
    assert body == {"msgtype": "text", "text": {"content": "【标题】\n\n正文"}}


def test_long_answer_is_split_on_lines_within_the_limits() -> None:
    reply = long_reply()
    for markdown, robot, limit in [(True, False, APP_MARKDOWN_LIMIT), (False, False, APP_TEXT_LIMIT),
                                   (True, True, ROBOT_MARKDOWN_LIMIT)]:
        bodies = messages(reply, markdown=markdown, robot=robot)
        kind = "markdown" if markdown else "text"
        pieces = [b[kind]["content"] for b in bodies]
        assert len(pieces) > 1
        assert all(len(p.encode("utf-8")) <= limit for p in pieces)
        assert all(message_problem(b, ROBOT_LIMITS if robot else LIMITS) is None for b in bodies)
        lines = "\n".join(pieces).split("\n")
        rows = [line for line in lines if "贸易有限公司" in line]
        assert rows == [" · ".join(row) for row in reply.rows]  # every row, whole, in order


def test_button_card_carries_action_values_as_keys() -> None:
    reply = Reply(intent="x", text="有两家叫“明远”的客户", actions=[
        Action(label="上海明远01贸易有限公司", value="zf:q:{\"a\":1}"),
        Action(label="显示更多", value="zf:more:10:{}"),
    ])
    card = button_card(reply, task_id="task123")
    assert card is not None and card_problem(card["template_card"]) is None
    buttons = card["template_card"]["button_list"]
    assert [b["key"] for b in buttons] == ["zf:q:{\"a\":1}", "zf:more:10:{}"]
    assert buttons[0]["text"] == "上海明远01贸易有限公司"
    assert card["template_card"]["task_id"] == "task123"


def test_button_text_is_capped() -> None:
    reply = Reply(intent="x", text="t", actions=[Action(label="甲" * 30, value="zf:q:{}")])
    card = button_card(reply, task_id="t0")
    assert card is not None
    assert card["template_card"]["button_list"][0]["text"] == "甲" * 20


def test_no_card_without_actions_or_when_a_key_is_too_long() -> None:
    assert button_card(Reply(intent="x", text="t"), task_id="t1") is None
    too_long = Reply(intent="x", text="t", actions=[Action(label="更多", value="zf:q:" + "x" * 1100)])
    assert button_card(too_long, task_id="t2") is None
