"""``summarize`` leaves a form of another year out the same way whatever its kind, and its JSON says what it left out.

QA: in one folder of 2022 project forms, a 2023 部门整体 form and a 2023 评价表, the 部门整体 form was counted into
the 2022 summary (a “departments” row of 2023) while the 评价表 was left out; and what was left out (another
year's, a duplicate, a form a resubmission replaced) was said on stderr only. Every kind is now screened by the
year alike (``dedupe.screen_forms``), and ``"skipped"`` lists what stderr says, as the review's JSON does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.excel.workbook import write_forms

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
WHOLE = SAMPLE_DIR / "zizhou-2023" / "department.json"
EVALUATION = SAMPLE_DIR / "fengtai-2023-evaluation" / "form.json"


def _filled(src: Path, out: Path, year: int | None = None) -> Path:
    """The sample form as a workbook (``fill``), of ``year`` where given."""
    data = json.loads(src.read_text(encoding="utf-8"))
    if year is not None:
        data["year"] = year
    given = out.with_suffix(".json")
    given.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", "-o", str(out), str(given)]) == 0
    given.unlink()
    return out


def _summarize(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(["summarize", *argv, "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


@pytest.fixture
def folder(tmp_path, sample_forms, capsys):
    """2022 project forms, a 2023 部门整体 form and a 2023 评价表, as workbooks in one folder."""
    root = tmp_path / "收到的表"
    root.mkdir()
    write_forms(sample_forms[:3], root / "大厂-2022.xlsx")
    _filled(WHOLE, root / "部门整体.xlsx")
    _filled(EVALUATION, root / "评价表.xlsx")
    capsys.readouterr()
    return root


def test_forms_of_another_year_are_left_out_whatever_their_kind(folder, capsys):
    code, data, err = _summarize(capsys, str(folder))
    assert code == 0 and data["year"] == 2022 and data["projects_due"] == 3
    # neither the 2023 部门整体 form nor the 2023 评价表 has a row in the 2022 summary
    assert "departments" not in data and "department" not in data and "evaluations" not in data
    assert data["without_projects"] == []
    other = {s["form_kind"]: s for s in data["skipped"] if s["kind"] == "other_year"}
    assert set(other) == {"department", "evaluation"}, data["skipped"]
    for s in other.values():
        assert s["year"] == 2023 and s["cell"] == "A2" and s["reason"] == "2023 年度的表，本批为 2022 年度，未计入"
        assert f"未计入：{s['file']}：{s['reason']}" in err   # the JSON lists what stderr says
    assert Path(other["department"]["file"]).name == "部门整体.xlsx"
    assert Path(other["evaluation"]["file"]).name == "评价表.xlsx"


def test_the_year_given_screens_every_kind_alike(tmp_path, folder, capsys):
    """--year 2023: the project forms are set aside; the 部门整体 form and the 评价表 are that year's, but a
    汇总表 counts project forms only — nothing to summarize (exit 2), as before."""
    code = main(["summarize", str(folder), "--year", "2023", "--json"])
    out = capsys.readouterr()
    assert code == 2 and out.out == ""
    assert out.err.count("2022 年度的表，本批为 2023 年度，未计入") == 1   # the one workbook of 3 project forms
    # a 部门整体 form and a 评价表 of the summary's year are counted beside the project forms, and not set aside
    _filled(WHOLE, folder / "部门整体.xlsx", year=2022)
    _filled(EVALUATION, folder / "评价表.xlsx", year=2022)
    capsys.readouterr()
    code, data, _err = _summarize(capsys, str(folder))
    assert code == 0 and data["skipped"] == []
    assert [r["year"] for r in data["departments"]] == [2022] and [r["year"] for r in data["evaluations"]] == [2022]


def test_duplicates_and_resubmissions_are_listed(tmp_path, sample_forms, capsys):
    root = tmp_path / "收到的表"
    root.mkdir()
    write_forms(sample_forms[:2], root / "甲.xlsx")
    shutil.copy(root / "甲.xlsx", root / "甲（重复发送）.xlsx")
    later = sample_forms[1].model_copy(update={"filled_on": "2099年1月1日"})
    write_forms([later], root / "甲（修改稿）.xlsx")
    code, data, err = _summarize(capsys, str(root), "--by", "实施单位")
    assert code == 0 and data["projects_due"] == 2, data["rows"]
    kinds = {s["kind"]: s for s in data["skipped"]}
    assert set(kinds) == {"duplicate", "superseded"}, data["skipped"]
    assert Path(kinds["duplicate"]["replaced_by"]).name == "甲.xlsx"
    assert Path(kinds["superseded"]["replaced_by"]).name == "甲（修改稿）.xlsx"
    assert kinds["superseded"]["why"] == "填报日期较晚" and kinds["superseded"]["project"] == sample_forms[1].project
    assert all(f"未计入：{s['file']}：{s['reason']}" in err for s in data["skipped"])
    assert all(g["skipped"] == [] for g in data["groups"].values())   # listed once, by the whole summary


def test_nothing_left_out_is_an_empty_list(tmp_path, sample_forms, capsys):
    write_forms(sample_forms[:2], tmp_path / "甲.xlsx")
    code, data, err = _summarize(capsys, str(tmp_path / "甲.xlsx"))
    assert code == 0 and data["skipped"] == [] and "未计入" not in err
