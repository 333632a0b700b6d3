"""The dev-set report's core (scripts/nlu_report.py) as a test: the held-out part meets the target, the dev part
has no wrong answer, the sets are as large as promised, and no held-out question was ever trained on."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.understand.classify import prepare
from bot.understand.evaluate import load
from bot.understand.text import normalize
from domain.queries import Intent

ROOT = Path(__file__).resolve().parents[3]
TARGET = 0.97  # right, on the held-out part
WRONG_PER = 500  # at most one wrong answer in this many held-out questions
CONTACT_ONLY = {"my_invoices", "my_documents"}


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return module


@pytest.fixture(scope="module")
def nlu_report():
    return _script("nlu_report")


def _cases(part: str):
    return [case for path in sorted((ROOT / "tests/bot/understand/devset").glob(f"{part}*.txt")) for case in load(path)]


def test_the_held_out_part_meets_the_target(nlu_report):
    report = nlu_report.report("heldout")
    wrong = [f"{s.case.text} → {s.got} {s.got_slots}" for s in report.scored if s.verdict == "wrong"]
    assert len(wrong) <= len(report.scored) // WRONG_PER, wrong
    assert report.accuracy >= TARGET, nlu_report.table(report)


def test_the_dev_part_has_no_wrong_answer(nlu_report):
    report = nlu_report.report("dev")
    wrong = [f"{s.case.text} → {s.got} {s.got_slots}" for s in report.scored if s.verdict == "wrong"]
    assert wrong == []


def test_the_sets_cover_every_family_in_both_parts():
    dev, held = _cases("dev"), _cases("heldout")
    assert len(held) >= 500 and len(dev) + len(held) >= 1500
    families = {i.value for i in Intent} - CONTACT_ONLY
    assert families <= {c.family for c in dev}
    assert families <= {c.family for c in held}


def test_no_held_out_question_is_a_dev_question_and_few_match_a_generated_sentence():
    """The held-out part is written apart: none is a dev question, and only a short common wording ("逾期超过30天的客户
    有哪些") may coincide with one of the thousands of sentences the templates generate."""
    trained = {prepare(text) for text, _ in [*_script("intent_corpus").corpus(), *_script("intent_training").written()]}
    dev = {normalize(c.text) for c in _cases("dev")}
    held = _cases("heldout")
    assert not [c.text for c in held if normalize(c.text) in dev and normalize(c.text)]  # "......" is "" twice
    coincide = [c.text for c in held if prepare(c.text) in trained]
    assert len(coincide) <= 0.05 * len(held), coincide


def test_a_wrong_answer_is_scored_wrong_and_a_refusal_not_sure(nlu_report, firm):
    from bot.understand.evaluate import Case, run

    from .conftest import ADMIN, TODAY
    cases = [Case("signed", {}, "上个月新签了几个客户", 1), Case("overdue_total", {}, "明天会下雨吗", 2),
             Case("overdue_clients", {"d": "30"}, "逾期超过60天的客户", 3), Case("unknown", {}, "你好", 4)]
    verdicts = [s.verdict for s in run(cases, today=TODAY, viewer=ADMIN, index=firm).scored]
    assert verdicts == ["wrong", "not_sure", "wrong", "right"]


def test_one_staff_members_client_count_is_scored_as_the_same_number(firm):
    """semantics.md (Clients): "how many clients" of an owner counts their active clients — the client count filtered
    by that owner and the staff member's client count are one figure, whichever family is expected."""
    from bot.understand.evaluate import Case, run

    from .conftest import ADMIN, TODAY
    cases = [Case("staff_client_count", {"s": "2"}, "王芳的客户数量", 1),
             Case("client_count", {"o": "2"}, "王芳负责多少个客户", 2),
             Case("client_count", {"o": "me"}, "我有多少个客户", 3),
             Case("staff_client_count", {"s": "3"}, "王芳负责多少个客户", 4),  # another staff member: wrong
             Case("client_count", {"o": "2"}, "王芳负责的vip客户有多少", 5)]  # another filter: another number
    verdicts = [s.verdict for s in run(cases, today=TODAY, viewer=ADMIN, index=firm).scored]
    assert verdicts == ["right", "right", "right", "wrong", "wrong"]


def test_a_fresh_batch_is_scored_only_on_questions_nobody_tuned_on(nlu_report, tmp_path):
    """`nlu_report.py --batch FILE`: a question that is a dev question (however it is spaced or cased) says nothing
    about unseen wordings and is left out; a new one is scored."""
    dev_line = next(case for case in _cases("dev") if case.family != "unknown")
    batch = tmp_path / "fresh.txt"
    batch.write_text(f"{dev_line.family} | - | {dev_line.text.upper()}  \n"
                     "overdue_clients | - | 哪几家客户的服务费拖着一直没结，列个单子给我瞧瞧\n", encoding="utf-8")
    report = nlu_report.batch(batch, nlu_report.firm())
    assert [s.case.text for s in report.scored] == ["哪几家客户的服务费拖着一直没结，列个单子给我瞧瞧"]


def test_the_fresh_batches_measured_after_the_last_round_are_kept_with_their_measurement():
    """Batches measured once and not yet split into the two parts (devset/fresh/) say in their header what they
    measured, so anyone can rerun `nlu_report.py --batch` against it."""
    for path in sorted((ROOT / "tests/bot/understand/devset/fresh").glob("*.txt")):
        header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        assert any("right /" in line and "wrong" in line for line in header), path.name
        assert load(path), path.name
