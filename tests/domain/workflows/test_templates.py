"""Workflow templates: the shipped ones load and say what the issue asks; a firm's directory overrides, adds and
switches off templates; a bad file stops the start with a message naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from domain.workflows.templates import SHIPPED, TemplateError, load_templates

BOOKKEEPING_STAGES = ["资料交接", "票据整理", "账务处理", "报表出具", "纳税申报", "客户确认", "归档"]


def test_the_shipped_templates_cover_the_common_services() -> None:
    templates = load_templates()
    names = {t.key: (t.name.zh, t.cadence) for t in templates}
    assert names == {"bookkeeping": ("代理记账", "monthly"), "cit_annual": ("企业所得税汇算清缴", "annual"),
                     "annual_report": ("工商年报", "annual"), "registration": ("工商注册", "once"),
                     "audit": ("审计", "once")}
    bookkeeping = templates.get("bookkeeping")
    assert bookkeeping is not None
    assert [s.name.zh for s in bookkeeping.stages] == BOOKKEEPING_STAGES
    assert [s.key for s in bookkeeping.stages if s.waits_on_client] == ["handover", "confirmation"]
    assert all(s.name.en for t in templates for s in t.stages)
    # by default a stage must follow the one before it
    assert [s.must_follow for s in bookkeeping.stages][1:] == [[s.key] for s in bookkeeping.stages][:-1]


def _write(folder: Path, name: str, data: dict) -> None:
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _shipped(key: str) -> dict:
    return yaml.safe_load((SHIPPED / f"{key}.yaml").read_text(encoding="utf-8"))


def test_a_firm_directory_replaces_adds_and_switches_off_templates(tmp_path: Path) -> None:
    ours = _shipped("bookkeeping")
    ours["stages"] = ours["stages"][:3]
    _write(tmp_path, "bookkeeping.yaml", ours)
    _write(tmp_path, "audit.yaml", {**_shipped("audit"), "enabled": False})
    extra = {"key": "payroll", "name": {"zh": "代发工资", "en": "Payroll"}, "services": ["consulting"],
             "cadence": "monthly", "stages": [{"key": "pay", "name": {"zh": "发放", "en": "Pay"},
                                               "due": {"after_start": 9}}]}
    _write(tmp_path, "payroll.yml", extra)
    templates = load_templates(tmp_path)
    assert [t.key for t in templates] == ["bookkeeping", "cit_annual", "annual_report", "registration", "payroll"]
    bookkeeping = templates.get("bookkeeping")
    assert bookkeeping is not None and [s.name.zh for s in bookkeeping.stages] == BOOKKEEPING_STAGES[:3]
    payroll = templates.get("payroll")
    assert payroll is not None and payroll.deadline == "monthly_filing" and payroll.stages[0].must_follow == []


@pytest.mark.parametrize(("change", "words"), [
    (lambda t: t["stages"][1].update(must_follow=["archive"]), "only earlier stages"),
    (lambda t: t["stages"][1].update(must_follow=["nowhere"]), "nowhere"),
    (lambda t: t["stages"].append(dict(t["stages"][0])), "appears twice"),
    (lambda t: t.update(cadence="once"), "no filing deadline"),
    (lambda t: t["stages"][0].update(due={"after_start": 3, "from_deadline": -2}), "exactly one"),
    (lambda t: t["stages"][2].update(documents=["工资表"]), "waits_on_client"),
    (lambda t: t.update(services=["gardening"]), "services"),
    (lambda t: t["stages"][0].update(colour="red"), "colour"),
    (lambda t: t["stages"][0].update(key="资料"), "key"),
])
def test_a_bad_template_names_the_file_and_the_problem(tmp_path: Path, change, words: str) -> None:
    data = _shipped("bookkeeping")
    change(data)
    _write(tmp_path, "bookkeeping.yaml", data)
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert "bookkeeping.yaml" in str(caught.value) and words in str(caught.value)


def test_an_annual_template_needs_its_opening_months(tmp_path: Path) -> None:
    data = _shipped("cit_annual")
    del data["open_months"]
    _write(tmp_path, "cit_annual.yaml", data)
    with pytest.raises(TemplateError, match="open_months"):
        load_templates(tmp_path)


def test_unreadable_yaml_and_a_missing_directory_are_refused(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("key: [unclosed", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"broken\.yaml"):
        load_templates(tmp_path)
    with pytest.raises(TemplateError, match="ZHANGFANG_WORKFLOWS_DIR"):
        load_templates(tmp_path / "nowhere")
