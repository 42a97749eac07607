"""The 定稿 is sent as final: not one cell of it takes typing, and it holds no English row keys (stop 64).

Before, the 定稿's sheets were protected as the template is: its input cells (项目名称, 实施单位, every 完成值,
得分, 偏差原因, the 部门整体 form's 计算数据 …) stayed unlocked, so anyone opening the copy the department
emailed could type into each of them without unprotecting, and rows could be inserted. And the 部门整体
form's hidden column K held the reader's row keys (``rule:staff_control``, ``std:card:limit``, ``member`` …):
a reviewer unhiding columns saw English words beside a Chinese official form. The 定稿 now locks every cell
(checked in LibreOffice, which reads the sheet's protection and each cell's CellProtection) and leaves
column K empty where the rows' labels find every key again (``keyless.labels_find_keys``), which the
reader then does. The 定稿 reads, checks, reviews and summarizes exactly as the copy with the old
protection and its keys did."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import need_libreoffice
from jixiao.cli import main as cli_main
from lo_basic import run_basic

SAMPLES = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
KINDS = {"project": [SAMPLES / "dachang-2022" / "01.json", SAMPLES / "dachang-2022" / "02.json"],
         "department": [SAMPLES / "zizhou-2023" / "department.json"],
         "evaluation": [SAMPLES / "fengtai-2023-evaluation" / "form.json"]}
KEY = re.compile(r"^[a-z_]+(:[a-z_0-9]+)*$")   # a row key as the writer puts it in column K


def _final(tmp_path: Path, kind: str, capsys) -> tuple[Path, Path]:
    book = tmp_path / f"{kind}.xlsx"
    assert cli_main(["fill", *map(str, KINDS[kind]), "-o", str(book)]) == 0
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / f"final-{kind}"), "--force", "--no-pdf"]) in (0, 1)
    capsys.readouterr()
    return book, next((tmp_path / f"final-{kind}").glob("*.xlsx"))


# every sheet of the workbook: whether it is protected, and how many cells of its used area are unlocked
_PROBE = """  On Error Resume Next
  rep = ""
  For i = 0 To doc.Sheets.getCount() - 1
    s = doc.Sheets.getByIndex(i)
    cur = s.createCursor()
    cur.gotoEndOfUsedArea(False)
    u = 0
    For r = 0 To cur.RangeAddress.EndRow
      For c = 0 To cur.RangeAddress.EndColumn
        If Not s.getCellByPosition(c, r).CellProtection.IsLocked Then u = u + 1
      Next c
    Next r
    rep = rep & i & " " & s.isProtected() & " " & u & " " & cur.RangeAddress.EndRow & Chr(10)
  Next i
  Open "{report}" For Output As #1
  Print #1, rep
  Close #1
"""


def _as_libreoffice_sees(book: Path, tmp_path: Path) -> list[tuple[bool, int, int]]:
    """(protected, unlocked cells, last used row) of each sheet of ``book``, as LibreOffice reads them."""
    report = tmp_path / "report.txt"
    run_basic(book, tmp_path / "seen.xlsx", _PROBE.replace("{report}", str(report)).replace("&", "&amp;"),
              tmp_path / "profile")
    out = []
    for line in report.read_text().split("\n"):
        if line.strip():
            _i, prot, unlocked, last = line.split()
            out.append((prot == "True", int(unlocked), int(last)))
    return out


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_cell_of_the_final_copy_takes_typing(tmp_path, capsys, kind):
    need_libreoffice()
    book, final = _final(tmp_path, kind, capsys)
    seen = _as_libreoffice_sees(final, tmp_path)
    # the sheets were read, not an empty document (a 项目明细 of one project, carried with the forms, has 4 rows)
    assert seen and all(last > 2 for _p, _u, last in seen) and max(last for _p, _u, last in seen) > 10
    assert [(p, u) for p, u, _last in seen] == [(True, 0)] * len(seen)
    # the 填报人's working workbook keeps its input cells open (its 设置 sheet last: its own protection)
    assert _as_libreoffice_sees(book, tmp_path)[0][1] > 20
    for ws in openpyxl.load_workbook(final):   # nor may rows be inserted or deleted in the copy
        assert ws.protection.sheet and ws.protection.insertRows and ws.protection.deleteRows


def test_the_department_final_copy_holds_no_row_keys(tmp_path, capsys):
    book, final = _final(tmp_path, "department", capsys)
    keyed = [c.value for c in openpyxl.load_workbook(book).worksheets[0]["K"] if c.value]
    assert len(keyed) > 100 and all(KEY.match(k) for k in keyed)   # the working workbook's, for inserted rows
    ws = openpyxl.load_workbook(final).worksheets[0]
    assert [c.coordinate for row in ws.iter_rows() for c in row if isinstance(c.value, str) and KEY.match(c.value)] == []


def _as_before(book: Path, final: Path, dst: Path) -> Path:
    """The 定稿 as it was written before: the cells the template leaves unlocked unlocked again, and the
    row keys of the working workbook back in column K (the same layout, row for row)."""
    work = openpyxl.load_workbook(book)
    wb = openpyxl.load_workbook(final)
    for ws in wb.worksheets:
        if ws.title not in work.sheetnames:
            continue
        src = work[ws.title]
        assert [c.value for c in ws["A"]][:40] == [c.value for c in src["A"]][:40]
        for row in src.iter_rows():
            for c in row:
                if not c.protection.locked:
                    ws[c.coordinate].protection = openpyxl.styles.Protection(locked=False)
                if c.column == 11 and isinstance(c.value, str) and KEY.match(c.value):
                    ws[c.coordinate].value = c.value
    dst.parent.mkdir(parents=True)
    wb.save(dst)
    return dst


def _said(capsys, *args: str, tmp: Path) -> tuple:
    """Exit code, the --json output (or the text: ``summarize`` writes none without a project form), messages."""
    capsys.readouterr()
    rc = cli_main(list(args))
    out, err = (s.replace(str(tmp), "…") for s in capsys.readouterr())
    return rc, json.loads(out) if out.strip() else out, err


def _annotated(folder: Path) -> tuple[list, list]:
    """Each review copy's sheets: values, comments and row heights (what the reviewer sees), the 部门整体
    form's column K apart; and the values of that column K (the keys the copy carries from its 定稿)."""
    out, keys = [], []
    for p in sorted(folder.rglob("*-校验标注.xlsx")):
        for ws in openpyxl.load_workbook(p):
            form = ws["A1"].value == "部门整体支出绩效自评表"
            out.append((ws.title, [(c.coordinate, c.value, c.comment.text if c.comment else None)
                                   for row in ws.iter_rows() for c in row
                                   if (c.value is not None or c.comment) and not (form and c.column == 11)],
                        {r: d.height for r, d in ws.row_dimensions.items()}))
            keys += [c.value for c in ws["K"] if c.value] if form else []
    return out, keys


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_sealed_final_copy_reads_as_before(tmp_path, capsys, kind):
    book, final = _final(tmp_path, kind, capsys)
    now = tmp_path / "now" / "inbox" / final.name
    now.parent.mkdir(parents=True)
    shutil.copy(final, now)
    before = _as_before(book, final, tmp_path / "before" / "inbox" / final.name)
    if kind == "department":   # the keys put back are what the reader finds by the labels alone
        assert any(c.value for c in openpyxl.load_workbook(before).worksheets[0]["K"])
    said = {}
    for name, path in (("now", now), ("before", before)):
        base = tmp_path / name
        said[name] = (_said(capsys, "read", str(path), "--json", tmp=base),
                      _said(capsys, "check", str(path), "--json", tmp=base),
                      _said(capsys, "summarize", str(path), "-o", str(base / "汇总表.xlsx"), "--json", tmp=base),
                      _said(capsys, "review", str(base / "inbox"), "-o", str(base / "review"), "--json", tmp=base),
                      _annotated(base / "review"))
    assert said["now"][1][1] and said["now"][4]   # findings and an annotated copy to compare
    # the review's copy of the old 定稿 carried its keys along; of the new one, none
    assert bool(said["before"][4][1]) == (kind == "department") and said["now"][4][1] == []
    assert said["now"][:4] == said["before"][:4] and said["now"][4][0] == said["before"][4][0]


def _findings(book: Path) -> list[tuple]:
    from jixiao.checking.run import check_paths
    from jixiao.core.profiles import get_profile

    _batch, checked = check_paths([book], get_profile(None))
    return sorted((f.rule, f.severity, f.field, f.cell or "", f.message.replace(book.name, "")) for f in checked.findings)


def test_a_renamed_formula_indicator_keeps_the_keys(tmp_path, capsys):
    """Where a label does not say its key the 定稿 keeps column K (hidden, as before): a department that
    typed its own name for a formula indicator (“在职人员控制率” as “人员编制控制率”) is scored by the key
    alone; read by the labels, the indicator is one no formula scores, and its findings change."""
    from dept_helpers import zizhou_json

    form = zizhou_json()
    next(i for i in form["indicators"] if i.get("rule") == "staff_control")["name"] = "人员编制控制率"
    src = tmp_path / "renamed.json"
    src.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    KINDS["renamed"] = [src]
    try:
        book, final = _final(tmp_path, "renamed", capsys)
    finally:
        del KINDS["renamed"]
    wb = openpyxl.load_workbook(final)
    ws = wb.worksheets[0]
    assert "rule:staff_control" in [c.value for c in ws["K"]] and ws.column_dimensions["K"].hidden
    assert _findings(final) == _findings(book)

    def rules(path: Path) -> list:
        return [i["rule"] for i in _said(capsys, "read", str(path), "--json", tmp=tmp_path)[1][0]["indicators"]]
    assert rules(final) == rules(book) and rules(book)[0] == "staff_control"
    for c in ws["K"]:   # what the keys are kept for
        c.value = None
    wb.save(tmp_path / "无行键.xlsx")
    assert rules(tmp_path / "无行键.xlsx") == [None, *rules(book)[1:]]
