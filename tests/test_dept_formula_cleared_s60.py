"""F6 of a 部门整体 form whose formula-scored 得分 the 填报人 cleared (to type a score, then left it blank):
it said “得分公式没有算出结果，请核对……是否只填了数字”, of a formula no longer in the cell. It now says the
formula was deleted and asks for the score; a formula that is there and computes nothing is told as before."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from conftest import SAMPLES
from dept_helpers import zizhou_json
from jixiao.actions import FileHost, check
from jixiao.cli import main


def _book(tmp_path: Path) -> Path:
    src = tmp_path / "部门整体.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    return book


def _sheet(wb) -> str:
    return next(n for n in wb.sheetnames if n.startswith("部门整体"))


def _f6(capsys, path: Path) -> list[dict]:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    found = json.loads(capsys.readouterr().out)
    findings = found["findings"] if isinstance(found, dict) else found
    return [f for f in findings if f["rule"] == "F6"]


def test_a_cleared_score_formula_is_said_deleted(tmp_path, capsys):
    book = _book(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[_sheet(wb)]
    assert str(ws["I11"].value).startswith("=")   # 在职人员控制率: scored by its formula
    ws["I11"].value = None                         # cleared, as a 填报人 presses Delete there
    cleared = tmp_path / "删了公式.xlsx"
    wb.save(cleared)
    f6 = _f6(capsys, cleared)
    assert [f["cell"] for f in f6] == ["I11"], f6
    said = f6[0]["message"]
    assert "得分公式已被删除" in said and "请填写得分" in said and "应得 5 分" in said, said
    assert "没有算出结果" not in said and "只填了数字" not in said, said
    # the 校验 button on the same file (read through FileHost) says the same
    result, _plan = check(FileHost(str(cleared), str(tmp_path / "按钮.xlsx")))
    assert [f.message for f in result.findings if f.rule == "F6"] == [said]


def test_a_formula_that_computes_nothing_is_told_as_before(tmp_path, capsys):
    src = tmp_path / "部门整体.json"
    data = zizhou_json()
    data["data"]["staff_actual"] = None   # the figure 在职人员控制率's formula needs
    data["indicators"][0]["score"] = None
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    f6 = _f6(capsys, book)
    assert [f["cell"] for f in f6] == ["I11"], f6
    assert "已被删除" not in f6[0]["message"] and "缺少计算数据" in f6[0]["message"], f6


def test_the_workbook_is_opened_once_for_its_formulas(tmp_path, monkeypatch):
    """The 等级 formulas and the blank formula 得分 are two questions about one workbook's formulas;
    each opened it again with openpyxl (stop 60's note). One read-only open now answers both, and
    the answers are the same: the cleared cell is still marked. (A file saved by code, as here,
    is opened before for the formula results it did not store: not counted, Excel stores them.)"""
    book = _book(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[_sheet(wb)]
    ws["I11"].value = None
    cleared = tmp_path / "删了公式.xlsx"
    wb.save(cleared)
    from jixiao.forms.department import DepartmentKind, shown
    from jixiao.sources import read_workbook_forms

    asked: list[str] = []
    for name in ("formula_grades", "formulas_gone"):
        real = getattr(shown, name)

        def spy(sheet_forms, formulas, _real=real, _name=name):
            return _real(sheet_forms, lambda cells: asked.append(_name) or formulas(cells))
        monkeypatch.setattr(shown, name, spy)
    opened: list[str] = []
    inside: list[bool] = []
    real_load, real_typed_over = openpyxl.load_workbook, DepartmentKind.typed_over

    def counted(path, *a, **kw):
        if inside:
            opened.append(str(path))
        return real_load(path, *a, **kw)

    def typed_over(self, sheet_forms, formulas):
        inside.append(True)
        try:
            return real_typed_over(self, sheet_forms, formulas)
        finally:
            inside.clear()
    import jixiao.excel.cache as cache
    real_texts = cache.formula_texts
    patterned: list[str] = []

    def texts(path, sheets, *package):   # s66: the workbook's package read once for several calls
        if inside:
            patterned.append(str(path))
        return real_texts(path, sheets, *package)
    monkeypatch.setattr(openpyxl, "load_workbook", counted)
    monkeypatch.setattr(cache, "formula_texts", texts)
    monkeypatch.setattr(DepartmentKind, "typed_over", typed_over)
    found, _problems = read_workbook_forms(cleared)   # in this process (``check`` reads in a child)
    assert asked == ["formula_grades", "formulas_gone"], asked   # both questions were asked
    # one look at the workbook, by pattern from the sheet's part (s64: no openpyxl load of the whole
    # workbook for a sheet's formulas, issue #18)
    assert patterned == [str(cleared)] and opened == [], (patterned, opened)
    dept = [sf for sf in found if sf.sheet == _sheet(wb)]
    assert [sf.formula_gone for sf in dept] == [[0]], [sf.formula_gone for sf in dept]
