"""Reply → Block Kit: every part of a reply shown, and Slack's limits kept however long the answer is."""

from __future__ import annotations

from adapters.slack.outbound import (
    MAX_BLOCKS,
    MAX_HEADER,
    MAX_SECTION,
    fallback_text,
    split_text,
    table_lines,
    to_blocks,
)
from bot.reply import Action, Reply, TableColumn


def _reply(rows: int = 3, **extra: object) -> Reply:
    columns = [TableColumn(key="client", label="客户"), TableColumn(key="amount", label="金额", align="right")]
    data = [[f"客户{n:03d}有限公司", f"¥{n * 1000:,}.00"] for n in range(rows)]
    fields: dict = {"title": "逾期客户", "text": "共 3 家客户逾期 <合计> & 更多", "total_rows": rows, **extra}
    return Reply(intent="overdue_clients", columns=columns, rows=data, **fields)


def _texts(blocks: list[dict]) -> list[str]:
    found = []
    for block in blocks:
        if isinstance(block.get("text"), dict):
            found.append(block["text"]["text"])
        found += [f["text"] for f in block.get("fields", [])]
        found += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return found


def test_header_text_table_and_buttons() -> None:
    reply = _reply(actions=[Action(label="显示更多", value="zf:more:10:{}", style="primary")], total_rows=13)
    blocks = to_blocks(reply)
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "逾期客户"}}
    assert blocks[1]["text"]["text"] == "共 3 家客户逾期 &lt;合计&gt; &amp; 更多"
    table = next(b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("```"))
    assert "客户000有限公司" in table["text"]["text"] and "¥2,000.00" in table["text"]["text"]
    assert any("10" in text for text in _texts([b for b in blocks if b["type"] == "context"]))
    [actions] = [b for b in blocks if b["type"] == "actions"]
    assert actions["elements"][0]["value"] == "zf:more:10:{}"
    assert actions["elements"][0]["style"] == "primary"
    assert actions["elements"][0]["action_id"].startswith("zf_action_")


def test_table_columns_align_by_display_width() -> None:
    lines = table_lines(_reply())
    widths = {sum(2 if ord(c) > 0x2E7F else 1 for c in line) for line in lines}
    assert len(widths) == 1  # every line equally wide on screen, Chinese characters counting double
    assert lines[1].endswith("¥0.00")


def test_fields_and_sections() -> None:
    fields = [(f"项目{n}", f"值{n}") for n in range(12)]
    reply = Reply(intent="client_profile", text="档案", fields=fields, sections=[("待办", ["交资料", "续约"])])
    blocks = to_blocks(reply)
    field_blocks = [b for b in blocks if "fields" in b]
    assert [len(b["fields"]) for b in field_blocks] == [10, 2]
    assert "*待办*\n• 交资料\n• 续约" in _texts(blocks)


def test_limits_hold_for_a_huge_reply() -> None:
    long_text = "\n".join(f"第{n}行：" + "很长的说明" * 40 for n in range(200))
    sections = [(f"标题{n}", [f"事项{n}-{m}" for m in range(5)]) for n in range(80)]
    reply = _reply(rows=400, title="标" * 400, sections=sections,
                   actions=[Action(label="按钮" * 100, value="v"), Action(label="太长", value="x" * 2001)])
    reply.text = long_text
    blocks = to_blocks(reply)
    assert len(blocks) <= MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) <= MAX_HEADER
    assert all(len(text) <= MAX_SECTION for text in _texts(blocks))
    [actions] = [b for b in blocks if b["type"] == "actions"]
    assert [len(e["text"]["text"]) <= 75 for e in actions["elements"]] == [True]  # the 2,001-char value is dropped
    assert len(fallback_text(reply)) <= 3000


def test_split_text_keeps_every_character() -> None:
    text = "\n".join("行" * n for n in range(1, 300)) + "\n" + "x" * 7000
    pieces = split_text(text, 3000)
    assert all(0 < len(p) <= 3000 for p in pieces)
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")


def test_fallback_text_has_the_answer() -> None:
    text = fallback_text(_reply())
    assert "逾期客户" in text and "客户001有限公司" in text
