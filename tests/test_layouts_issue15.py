"""Issue 15's layouts: two-row headers, 项目负责人/联系电话 variants, the 项目库's funds, a 项目名称
inside the money table, WPS .et, a 绩效目标申报表 where a 自评表 is expected, =100% targets.

Each layout is a corpus workbook (tests/corpus/14-… to 18-…, built by build_corpus.py) that
``tests/test_anchored.py`` reads back field for field and cell for cell in every format; here
are the notes, the rules and the folder behaviour those layouts need.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import diff_forms

from jixiao.checking.run import check_paths
from jixiao.cli import main
from jixiao.forms.project.reader import read_workbook
from jixiao.sources import load_all

CORPUS = Path(__file__).resolve().parent / "corpus"
INDEX = {b["name"]: b for b in json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))}
ISSUE = [n for n, b in INDEX.items() if b.get("issue") == 15]


def expected(name: str) -> list[dict]:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def cells(name: str) -> list[dict[str, str]]:
    return json.loads((CORPUS / f"{name}.cells.json").read_text(encoding="utf-8"))


def test_the_issue_layouts_are_in_the_corpus_in_every_format():
    assert len(ISSUE) >= 5
    assert any(".et" in INDEX[n]["formats"] for n in ISSUE)
    for n in ISSUE:
        for fmt in INDEX[n]["formats"]:
            res = read_workbook(CORPUS / f"{n}{fmt}")
            assert res.problems == [] and len(res.forms) == len(expected(n)), (n, fmt)


def test_leader_and_phone_are_read_in_each_variant():
    forms = read_workbook(CORPUS / "15-leader-rows.xlsx").forms
    assert [(sf.form.leader, sf.form.phone) for sf in forms] == [
        ("吴某", "0316-5****88"), ("郑某", "137****4410"), ("冯某", "131****0962")]
    assert all(sf.notes == [] for sf in forms)  # read, not guessed


def test_project_library_funds_are_blank_never_invented_and_noted():
    by_sheet = {sf.sheet: sf for sf in read_workbook(CORPUS / "16-project-library.xlsx").forms}
    parts = by_sheet["项目库-分项"]
    assert parts.form.funds.total.annual is None and parts.form.funds.fiscal.annual == 2
    assert parts.form.funds.column("annual") == 2  # the 其中 rows stand for the total
    assert any("没有“年度资金总额”行" in str(n) for n in parts.notes)
    for sheet in ("项目库-无金额行", "项目库-无资金"):
        f = by_sheet[sheet].form
        assert all(f.funds.column(c) is None for c in ("initial", "annual", "executed"))
        assert f.funds_weight is None and f.exec_score is None and f.exec_rate is None
        assert any("资金按空白读（不推算）" in str(n) for n in by_sheet[sheet].notes)


def test_rules_A1_A2_say_nothing_about_rows_a_layout_does_not_have(tmp_path):
    batch, result = check_paths([CORPUS / "16-project-library.xlsx"], workers=1, progress=False)
    a = [f for f in result.findings if f.rule in ("A1", "A2")]
    assert not [f for f in a if f.sheet == "项目库-分项"]
    assert not [f for f in a if f.rule == "A2"]
    # a form in our template with blank 其中 rows still gets A2: the rows are there
    from jixiao.forms.project.model import parse_form
    from jixiao.excel.workbook import write_forms

    data = expected("16-project-library")[0]
    data["funds"]["total"] = {"initial": 0, "annual": 2, "executed": 1.55}
    data["funds"]["fiscal"] = {"initial": None, "annual": None, "executed": None}
    data["funds"]["other"] = {"initial": None, "annual": None, "executed": None}
    out = write_forms([parse_form(data, "x")], tmp_path / "template.xlsx")
    _, res = check_paths([out], workers=1, progress=False)
    assert any(f.rule == "A2" and f.cell for f in res.findings)


def test_a_project_name_in_the_money_table_does_not_split_the_form():
    res = read_workbook(CORPUS / "17-name-in-money-table.xls")
    assert [sf.form.project for sf in res.forms] == [e["project"] for e in expected("17-name-in-money-table")]
    assert [sf.part for sf in res.forms] == [1, 2]
    c = cells("17-name-in-money-table")[0]
    (note,) = [n for n in res.forms[0].notes if "按项目名称列出" in n.message]
    assert note.cell is not None and note.cell[1:] == c["funds.total.annual"][1:]  # on the money row


def test_targets_typed_as_formulas_are_kept_and_flagged_with_their_cell():
    c = cells("18-wps-et")[0]
    for fmt in (".xlsx", ".xls", ".et"):
        sf = read_workbook(CORPUS / f"18-wps-et{fmt}").forms[0]
        assert sf.form.indicators[0].target == "1" and sf.form.indicators[1].target == "=100%"
        (n,) = [n for n in sf.notes if n.cell == c["indicators[0].target"]]
        assert "需要核对" in n.message and "=100%" in n.message


def test_a_formula_target_without_a_saved_result_is_not_lost(tmp_path):
    """A file written by a script keeps =100% without its result: calamine reads a blank cell."""
    import openpyxl

    path = tmp_path / "no-cache.xlsx"
    openpyxl.load_workbook(CORPUS / "18-wps-et.xlsx").save(path)  # openpyxl drops cached results
    assert read_workbook(path).forms[0].form.indicators[0].target is None  # what the file itself holds
    sf = load_all([path], workers=1, progress=False).forms[0].sheet_form
    cell = cells("18-wps-et")[0]["indicators[0].target"]
    assert sf.form.indicators[0].target == "100%"
    (n,) = [n for n in sf.notes if n.cell == cell]
    assert "=100%" in n.message and "需要核对" in n.message


def test_a_target_form_is_named_for_what_it_is_in_check(capsys):
    code = main(["check", str(CORPUS / "13-lookalike.xls"), "--json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 2
    (f,) = findings
    assert "这是绩效目标申报表，不是自评表" in f["message"] and f["sheet"] == "绩效目标申报表"


def _summary(capsys, path):
    code = main(["summarize", str(path), "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_a_mixed_folder_reads_every_workbook_and_lists_the_rest(tmp_path, capsys):
    """xlsx, xls and .et side by side, and files that are not forms: the totals are those of the
    expected JSON, and every file left out is named with why."""
    folder = tmp_path / "报回"
    (folder / "县医保局").mkdir(parents=True)
    picks = {"14-two-row-headers": ".xls", "15-leader-rows": ".xlsx", "16-project-library": ".xlsx",
             "17-name-in-money-table": ".xls", "18-wps-et": ".et"}
    for name, fmt in picks.items():
        shutil.copy(CORPUS / f"{name}{fmt}", folder / "县医保局" / f"{name}{fmt}")
    (folder / "说明.txt").write_text("报送说明", encoding="utf-8")
    (folder / "县医保局" / "~$14-two-row-headers.xls").write_bytes(b"lock")
    as_json = tmp_path / "json"
    as_json.mkdir()
    forms = [f for name in picks for f in expected(name)]
    for i, f in enumerate(forms):
        (as_json / f"{i:02d}.json").write_text(json.dumps(f, ensure_ascii=False), encoding="utf-8")

    code_a, a, err = _summary(capsys, folder)
    code_b, b, _ = _summary(capsys, as_json)
    assert code_a == code_b == 0 and a["incomplete"] is False
    assert a["projects_due"] == b["projects_due"] == len(forms) == 12
    assert a["funds_due"] == b["funds_due"] and a["funds_done"] == b["funds_done"] and a["grades"] == b["grades"]
    assert "说明.txt" in err and "不是工作簿" in err and "临时锁定文件" in err

    batch = load_all([folder], workers=1, progress=False)
    et = [it for it in batch.forms if it.file.endswith(".et")]
    assert len(et) == 2 and not batch.problems
    for it, e in zip(et, expected("18-wps-et")):
        assert diff_forms(e, it.form.to_dict()) == []


def test_import_lists_the_files_it_did_not_read(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "18-wps-et.et", folder / "a.et")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4")
    code = main(["import", str(folder), "-o", str(tmp_path / "out.xlsx"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and len(report["forms"]) == 2
    assert [Path(s["file"]).name for s in report["skipped"]] == ["b.pdf"]


def test_import_names_the_links_to_folders_it_does_not_follow(tmp_path, capsys):
    """A linked folder is never read (one outside could pull in any file), but it is named with why:
    before, the walk passed over it without a word and the count came out short unexplained."""
    folder, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    (folder / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(CORPUS / "18-wps-et.et", folder / "a.et")
    shutil.copy(CORPUS / "18-wps-et.et", elsewhere / "b.et")
    (folder / "外部").symlink_to(elsewhere, target_is_directory=True)
    (folder / "内部").symlink_to(folder / "sub", target_is_directory=True)
    code = main(["import", str(folder), "-o", str(tmp_path / "out.xlsx"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and len(report["forms"]) == 2  # b.et behind the link is not read
    why = {Path(s["file"]).name: s["reason"] for s in report["skipped"]}
    assert set(why) == {"外部", "内部"}
    assert "之外的链接" in why["外部"] and "未跟随" in why["内部"]


def test_a_form_without_its_total_row_does_not_swallow_the_next_one():
    from jixiao.reading import SheetGrid, read_grid

    def form(name):
        return [["项目支出绩效自评表"], ["（2022年度）"], ["项目名称", name],
                ["三级指标", "年度指标值", "实际完成值", "分值", "得分"], ["培训人数", "≥1 人", "1 人", 10, 10]]

    rows = form("甲") + form("乙") + [["总分", None, None, 10, 10]]
    forms, (problem,) = read_grid(SheetGrid(rows, None, "x.xlsx", "S"))
    assert [f.form.project for f in forms] == ["乙"]
    assert "第 1 张表，A3 起" in str(problem) and "“总分”" in str(problem)
