"""A form of another year than its workbook's, as the 填报人 and the reviewer see it (session 62).

``check`` lists X8 (``dedupe.year_in_book``) on the form's 年度 cell; it was appended after the findings had
been put in order, so it came last in its form's group, after the 提示 of the 部门整体 form. And the
review, which sets such a 项目 form aside (X4) and names its 年度 cell in the 退回修改通知, left that cell
unmarked in the department's annotated copy: the sheet looked clean, the notice pointed at it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl

from jixiao.cli import main as cli_main
from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

sys.path.insert(0, str(Path(__file__).parent))
from conftest import SAMPLES  # noqa: E402
from dept_helpers import zizhou_json  # noqa: E402


def _dept_of_2021(tmp_path: Path) -> Path:
    """Two 2022 项目 forms and the 子洲 部门整体 form left at 2021, in one workbook."""
    dept = tmp_path / "dept.json"
    dept.write_text(json.dumps({**zizhou_json(), "year": 2021}, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评.xlsx"
    assert cli_main(["fill", str(dept), *(str(p) for p in SAMPLES[:2]), "-o", str(book)]) == 0
    return book


def test_check_lists_x8_in_the_order_of_its_forms_findings(tmp_path: Path, capsys) -> None:
    book = _dept_of_2021(tmp_path)
    capsys.readouterr()
    cli_main(["check", str(book)])
    group = capsys.readouterr().out.split("部门整体-子洲县医疗保障局（")[1].split("\n\n")[0].splitlines()[1:]
    levels = [line.split(" · ")[0].strip() for line in group]
    x8 = next(i for i, line in enumerate(group) if "规则 X8" in line)
    assert levels[x8] == "警告" and "提示" in levels and levels.index("提示") > x8, group
    assert levels == sorted(levels, key=["错误", "警告", "提示"].index), levels
    cli_main(["check", str(book), "--json"])
    found = [(f["severity"], f["rule"]) for f in json.loads(capsys.readouterr().out)
             if f.get("sheet") == "部门整体-子洲县医疗保障局"]
    rank = {"error": 0, "warning": 1, "info": 2}
    assert [rank[s] for s, _r in found] == sorted(rank[s] for s, _r in found), found
    assert ("warning", "X8") in found


def test_the_annotated_copy_marks_the_year_cell_of_a_form_of_another_year(tmp_path: Path) -> None:
    """县民政局 sent two 2022 forms and, in the same workbook, a 2021 one: the notice says its 年度 cell; the
    annotated copy marks that cell with the notice's words and lists it in its 校验结果."""
    import docx

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局"), form(2, "县民政局"), form(3, "县民政局", year=2021)], inbox / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    notice = [p.text for p in docx.Document(out / "县民政局" / "退回修改通知.docx").paragraphs]
    said = next(p for p in notice if "年度为2021年度" in p)
    wb = openpyxl.load_workbook(out / "县民政局" / "民政局-校验标注.xlsx")
    sheet = next(ws for ws in wb if ws.title != "校验结果" and ws["A2"].value == 2021)
    assert sheet["A2"].comment is not None, "the 2021 form's 年度 cell is not marked"
    text = sheet["A2"].comment.text
    assert "本次审核的是2022年度" in text and "X4" in text, text
    assert text.split("】", 1)[1].split("〔")[0] in said, (text, said)
    rows = [r for r in wb["校验结果"].iter_rows(values_only=True) if r and r[1] == "X4"]
    assert [(r[2], r[3]) for r in rows] == [(sheet.title, "A2")], rows


def test_a_department_that_sent_only_forms_of_another_year_gets_its_marked_copy(tmp_path: Path) -> None:
    """县文旅局 sent only its 2021 forms during the 2022 review: it is 退回修改 and its notice names each
    form's 年度 cell. It got no marked copy at all (its forms, set aside, were no form of it to copy), so the
    notice pointed at cells of a workbook it was not sent back; now it gets the copy, those cells marked (X4, the
    notice's words) and listed in its 校验结果, named in the notice's 附件 and attached to the mail."""
    import docx
    from email import policy
    from email.parser import BytesParser

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "民政局.xlsx")
    write_forms([form(3, "县文旅局", year=2021), form(4, "县文旅局", year=2021)], inbox / "文旅局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    folder = out / "县文旅局"
    copy = folder / "文旅局-校验标注.xlsx"
    assert copy.exists(), sorted(p.name for p in folder.iterdir())
    notice = [p.text for p in docx.Document(folder / "退回修改通知.docx").paragraphs]
    said = [p for p in notice if "年度为2021年度" in p]
    assert len(said) == 2, notice
    assert any("文旅局-校验标注" in p for p in notice), notice   # the 附件说明 names it
    wb = openpyxl.load_workbook(copy)
    marked = [ws for ws in wb if ws.title != "校验结果" and ws["A2"].value == 2021]
    assert len(marked) == 2, wb.sheetnames
    for ws in marked:
        assert ws["A2"].comment is not None, f"{ws.title}: the 年度 cell is not marked"
        text = ws["A2"].comment.text
        assert "本次审核的是2022年度" in text and "X4" in text, text
        assert any(text.split("】", 1)[1].split("〔")[0] in p for p in said), (text, said)
    rows = [r for r in wb["校验结果"].iter_rows(values_only=True) if r and r[1] == "X4"]
    assert sorted((r[2], r[3]) for r in rows) == sorted((ws.title, "A2") for ws in marked), rows
    mail = BytesParser(policy=policy.default).parse((folder / "退回修改邮件.eml").open("rb"))
    names = [a.get_filename() for a in mail.iter_attachments()]
    assert any(n.endswith(".xlsx") and "校验标注" in n for n in names), names


def test_a_department_whose_only_form_of_another_year_is_in_anothers_workbook_gets_its_own_copy(tmp_path: Path) -> None:
    """One workbook for two departments: 县民政局's two 2022 forms and 县文旅局's 2021 form. 县文旅局 gets its own copy
    of it, its sheet alone, the 年度 cell marked; 县民政局's copy holds its two sheets, not 县文旅局's."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局"), form(2, "县民政局"), form(3, "县文旅局", year=2021)], inbox / "合报.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    theirs = openpyxl.load_workbook(out / "县文旅局" / "合报-校验标注.xlsx")
    mine = openpyxl.load_workbook(out / "县民政局" / "合报-校验标注.xlsx")
    aside = [ws.title for ws in theirs if ws.title != "校验结果"]
    assert len(aside) == 1 and theirs[aside[0]]["A2"].value == 2021, theirs.sheetnames
    assert "X4" in theirs[aside[0]]["A2"].comment.text
    assert [r[1] for r in theirs["校验结果"].iter_rows(min_row=3, values_only=True) if r[1]] == ["X4"]
    assert aside[0] not in mine.sheetnames and len(mine.sheetnames) == 3, mine.sheetnames
