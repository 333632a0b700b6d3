"""Any text at all: understanding an action never raises, and a result is always well-formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understand.actions import ActionUnderstood

PIECES = [
    "收到", "明远贸易", "华信", "Acme", "FP100234", "HT1001", "5000元", "五千", "1.2万", "¥3,600",
    "昨天", "下周三", "12/15", "10月", "上个月", "都齐了", "银行对账单", "发票", "催一下", "续约", "标记为", "VIP",
    "标签", "转给", "王芳", "不做了", "说", "付款", "异议", "已解决", "4分", "撤销", "记一笔", "电话", "吗", "？",
    "没", "的", " ", "，", "paid", "promised", "by", "to", "renewed", "mark", "as", "undo",
    "got", "payroll", "0", "9", "/", "-", "r1",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join) | st.text(max_size=40))
def test_any_text_gives_none_or_a_well_formed_result(act, text: str) -> None:
    result = act(text)
    if result is None:
        return
    assert isinstance(result, ActionUnderstood)
    assert (result.command is None) != (result.needs is None)
    if result.command is not None:
        assert result.command.kind == result.intent
    else:
        assert result.needs.intent == result.intent
