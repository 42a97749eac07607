"""docs/outputs.md is the contract of every command's ``--json``: this test reads the field names from
the document itself and runs the commands on real inputs (the embedded samples, a 部门整体 form, a 评价表,
a file that is not a workbook, a folder), so that neither side can drift without the other.

Both ways: every field a section's JSON example shows is in the output (a field is never renamed or
removed), and every field the output carries is named in its section (a field added in code is
documented). Keys that are data (“优”, a project's name in ``near_names``) are not field names: only
lower-case ASCII identifiers are compared."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES
from jixiao.cli import main
from jixiao.excel.workbook import write_forms

DOC = Path(__file__).resolve().parent.parent / "docs" / "outputs.md"
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
_IDENT = re.compile(r"[a-z_][a-z0-9_]*")


def section(head: str) -> str:
    """The text of the ``## …`` section of outputs.md whose title starts with ``head``."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.startswith(head)]
    assert len(found) == 1, f"outputs.md has no single section “## {head}”"
    return found[0]


def example_keys(text: str) -> set[str]:
    """The fields the section's JSON examples show (``"name": …`` inside ```json fences)."""
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.S)
    return {k for b in blocks for k in re.findall(r'"([a-z_][a-z0-9_]*)"\s*:', b)}


def named(text: str) -> set[str]:
    """Every identifier the section names as a field, in an example or in its prose (``"inferred"``)."""
    return set(re.findall(r'"([a-z_][a-z0-9_]*)"', text)) | set(re.findall(r"`([a-z_][a-z0-9_]*)`", text))


def keys_of(data: Any) -> set[str]:
    """Every field name anywhere in ``data`` (objects inside lists and objects included)."""
    out: set[str] = set()
    if isinstance(data, dict):
        for k, v in data.items():
            if _IDENT.fullmatch(k):
                out.add(k)
            out |= keys_of(v)
    elif isinstance(data, list):
        for v in data:
            out |= keys_of(v)
    return out


def run_json(capsys, *argv: str) -> tuple[int, Any, str]:
    code = main([*argv, "--json"])
    out = capsys.readouterr()
    raw = out.out
    assert "\\u" not in raw, "Chinese is written as it is (ensure_ascii=False)"
    data = json.loads(raw, parse_constant=lambda c: pytest.fail(f"{c} in the JSON"))
    return code, data, out.err


def finite(data: Any) -> bool:
    if isinstance(data, float):
        return math.isfinite(data)
    if isinstance(data, dict):
        return all(finite(v) for v in data.values())
    if isinstance(data, list):
        return all(finite(v) for v in data)
    return True


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, sample_forms):
    root = tmp_path_factory.mktemp("contract")
    book = write_forms(sample_forms, root / "大厂-2022.xlsx")
    assert main(["fill", "-o", str(root / "部门整体.xlsx"), str(SAMPLE_DIR / "zizhou-2023" / "department.json")]) == 0
    assert main(["fill", "-o", str(root / "评价表.xlsx"),
                 str(SAMPLE_DIR / "fengtai-2023-evaluation" / "form.json")]) == 0
    (root / "坏文件.xlsx").write_bytes(b"not a workbook at all" * 10)
    folder = root / "文件夹"
    folder.mkdir()
    for name in ("大厂-2022.xlsx", "部门整体.xlsx", "评价表.xlsx", "坏文件.xlsx"):
        shutil.copy(root / name, folder / name)
    inbox = root / "收件夹"
    (inbox / "县医疗保障局").mkdir(parents=True)
    shutil.copy(book, inbox / "县医疗保障局" / "自评表.xlsx")
    shutil.copy(root / "部门整体.xlsx", inbox / "县医疗保障局" / "部门整体.xlsx")
    shutil.copy(root / "坏文件.xlsx", inbox / "县医疗保障局" / "坏文件.xlsx")
    return root


def both_ways(text: str, data: Any, what: str, optional: frozenset[str] = frozenset()) -> None:
    got = keys_of(data)
    shown = example_keys(text) - optional
    assert shown <= got, f"{what}: fields outputs.md shows are missing: {shown - got}"
    assert got <= named(text), f"{what}: fields not in outputs.md: {got - named(text)}"


def test_score_fields_match_the_document(inputs, capsys):
    code, data, _ = run_json(capsys, "score", str(inputs / "大厂-2022.xlsx"))
    assert code == 0 and len(data) == len(SAMPLES) and finite(data)
    both_ways(section("Scores (`score`)"), data, "score (项目支出)")
    text = section("Scores of the other forms")
    blocks = re.findall(r"```json\n.*?```", text, flags=re.S)
    for kind, name, block in (("部门整体", "部门整体.xlsx", blocks[0]), ("评价表", "评价表.xlsx", blocks[1])):
        code, other, _ = run_json(capsys, "score", str(inputs / name))
        assert code == 0 and len(other) == 1 and finite(other)
        both_ways(block, other, f"score ({kind})")


def test_check_fields_match_the_document(inputs, capsys):
    text = section("Findings")
    code, data, _ = run_json(capsys, "check", str(inputs / "文件夹"))
    assert code == 1 and finite(data)
    both_ways(text, data, "check")
    assert {f["rule"] for f in data} >= {"X1", "A4", "F10"}     # the folder: project, 部门整体, 评价表, unreadable


def test_every_finding_has_an_expected_value_or_instruction(inputs, capsys):
    """outputs.md: “expected: a value or a concrete instruction, never empty” — the 部门整体 form's
    F10 (评分标准's full marks against the weight) included; a file that could not be opened (X1 of no cell)
    has nothing to expect, a cell that kept its form from being read (X1 on a cell) says what to write."""
    _, data, _ = run_json(capsys, "check", str(inputs / "文件夹"))
    book = inputs / "读不了的单元格.xlsx"
    shutil.copy(inputs / "大厂-2022.xlsx", book)
    import openpyxl

    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["D7"] = "约一百万"
    wb.save(book)
    _, cells, _ = run_json(capsys, "check", str(book))
    assert [(f["rule"], f["cell"], f["found"]) for f in cells if f["rule"] == "X1"] == [("X1", "D7", "约一百万")]
    for f in data + cells + [g for f in data + cells for g in f.get("folded", [])]:
        if f["rule"] != "X1" or f["cell"]:
            assert f["expected"] not in (None, ""), (f["rule"], f["field"], f["message"])


def test_summarize_fields_match_the_document(inputs, capsys):
    text = section("Summary")
    code, data, _ = run_json(capsys, "summarize", str(inputs / "文件夹"))
    assert code == 1 and data["incomplete"] is True and finite(data)   # 坏文件.xlsx is not in the totals
    # compare: only with --compare or a 汇总表 beside the forms; the 2023 部门整体 form and 评价表 are set aside
    # in 2022 ("skipped": no "departments", "evaluations" row; no file left without a project form counted)
    both_ways(text, data, "summarize", frozenset({"compare", "groups", "group", "replaced_by", "why", "held"}))
    assert {s["form_kind"] for s in data["skipped"] if s["kind"] == "other_year"} == {"department", "evaluation"}
    # … and of the summary's year, each kind has its rows
    for name, json_file in (("部门整体-2022", SAMPLE_DIR / "zizhou-2023" / "department.json"),
                            ("评价表-2022", SAMPLE_DIR / "fengtai-2023-evaluation" / "form.json")):
        (inputs / f"{name}.json").write_text(json_file.read_text(encoding="utf-8").replace('"year": 2023', '"year": 2022'),
                                            encoding="utf-8")
    code, data, _ = run_json(capsys, "summarize", str(inputs / "大厂-2022.xlsx"), str(inputs / "部门整体-2022.json"),
                             str(inputs / "评价表-2022.json"))
    assert code == 0 and finite(data) and data["skipped"] == []
    assert keys_of(data) <= named(text), keys_of(data) - named(text)   # the rows of the other kinds documented
    assert [w["held"] for w in data["without_projects"]] == ["部门整体支出绩效自评表", "项目支出绩效评价表"]
    assert data["departments"][0]["department"] == data["department"]["department"] == "子洲县医疗保障局"
    assert data["evaluations"][0]["year"] == 2022
    code, data, _ = run_json(capsys, "summarize", str(inputs / "大厂-2022.xlsx"), "--by", "实施单位")
    assert code == 0 and data["groups"] and finite(data)
    assert keys_of(data) <= named(text), keys_of(data) - named(text)
    for group in data["groups"].values():
        assert set(data) - {"groups"} <= set(group) and group["group"] == group["unit"]


def test_read_and_import_fields_are_documented(inputs, capsys):
    code, data, _ = run_json(capsys, "read", str(inputs / "大厂-2022.xlsx"))
    assert code == 0 and data[0]["form"] == "项目支出绩效自评表"
    text = section("Import")
    packed = Path(__file__).resolve().parent / "corpus" / "02-packed-cells.xlsx"   # another county's: notes to check
    code, data, _ = run_json(capsys, "import", str(packed), str(inputs / "文件夹"), "-o", str(inputs / "导入.xlsx"))
    assert code == 1 and data["problems"] and finite(data)
    both_ways(text, data, "import")


def test_rules_fields_match_the_document_and_reading_severities_are_codes(capsys):
    text = section("Rules")
    code, data, _ = run_json(capsys, "rules")
    assert code == 0
    both_ways(text, data, "rules")
    # a finding's severity is “always the one `jixiao rules` lists for `rule`”: X1 … as findings carry it
    assert {r["severity"] for r in data["reading"]} <= {"error", "warning", "info"}
    assert next(r for r in data["reading"] if r["code"] == "X1")["severity"] == "error"


def test_review_fields_match_the_document(inputs, capsys, tmp_path):
    text = section("Review")
    code, data, _ = run_json(capsys, "review", str(inputs / "收件夹"), "-o", str(tmp_path / "复核"))
    assert code == 1 and finite(data)
    got = keys_of(data)
    assert got <= named(text), f"review: fields not in outputs.md: {got - named(text)}"
    # not in this inbox: a 自评报告, a resubmission, a duplicate, a file that is no workbook, a locked file beside its copy
    shown = example_keys(text) - {"paragraph", "quote", "against", "hints", "title", "replaced_by", "why", "same_as",
                                  "origin", "same_round"}
    shown -= {"again", "last_round", "status", "items", "fixed", "new", "returned", "resubmitted", "returns", "points",
              "points_fixed", "points_again", "points_new",
              # ``totals.against_last`` (null in round 1) and ``last_round``'s resends (s67)
              "not_passed", "now_pass", "waiting", "resent_same", "passed", "resent", "resent_aside",
              "resent_kept"} - got  # round 2 only
    assert shown <= got, f"review: fields outputs.md shows are missing: {shown - got}"
