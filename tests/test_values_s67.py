"""Values as the 填报人 typed them and newer Excel stored them (s67): the error values of Excel 365 (#SPILL!,
#CALC!, #FIELD!, #BLOCKED!, #BUSY!) on every path that reads a workbook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

from jixiao import actions
from jixiao.cli import main as cli_main

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from hostile import err_cell  # noqa: E402
from test_robust import _book  # noqa: E402

NEWER = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!")


def _check_json(path: Path, capsys) -> tuple[int, list[dict]]:
    capsys.readouterr()
    rc = cli_main(["check", str(path), "--json"])
    return rc, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("error", NEWER)
def test_a_newer_error_value_is_told_on_its_cell_not_a_sheet_unread(tmp_path, capsys, error):
    """python-calamine 0.9 refuses any error value but the seven older ones (“Unsupported cell error value
    '#SPILL!'”): one #SPILL! anywhere made the whole form “工作表无法读取（文件格式错误或已损坏）” (X1, exit 2, not
    in the 汇总). Now the form is read and the cell said as an error value, as #DIV/0! is."""
    book = _book(tmp_path, "表.xlsx", lambda x: err_cell(x, "F15", error))
    before = book.read_bytes()
    rc, found = _check_json(book, capsys)
    assert not [f for f in found if "无法读取" in f["message"]], found
    at_f15 = [f["message"] for f in found if f["cell"] == "F15"]
    assert at_f15 and all(f"表中为错误值 {error}" in m for m in at_f15), at_f15
    assert rc == 1
    assert book.read_bytes() == before       # the input untouched: calamine reads a copy made in memory
    score = _book(tmp_path, "得分.xlsx", lambda x: err_cell(x, "H14", error))     # the 执行率 得分 cell
    rc, found = _check_json(score, capsys)
    assert rc == 2 and [f["message"] for f in found if f["cell"] == "H14"] == [f"得分应为数字，现为“{error}”"], found


def test_the_copies_keep_a_newer_error_value_one(tmp_path, capsys):
    """The annotated copy and the 计算 copy (openpyxl) keep a #SPILL! cell an error value: read again, the copy
    says “表中为错误值 #SPILL!” on the cell as the original does (not the text “#SPILL!”)."""
    book = _book(tmp_path, "表.xlsx", lambda x: err_cell(x, "F15", "#SPILL!"))
    title = openpyxl.load_workbook(book, read_only=True).sheetnames[0]
    said = {f["cell"]: f["message"] for f in _check_json(book, capsys)[1] if f["cell"] == "F15"}
    assert "表中为错误值 #SPILL!" in said["F15"], said
    for args, out in ((["check", str(book), "--annotate"], tmp_path / "标注.xlsx"),
                      (["calc", str(book), "-o"], tmp_path / "计算.xlsx")):
        cli_main([*args, str(out)])
        cell = openpyxl.load_workbook(out)[title]["F15"]
        assert cell.data_type in ("e", "f"), (out, cell.data_type, cell.value)
        again = {f["cell"]: f["message"] for f in _check_json(out, capsys)[1] if f["cell"] == "F15"}
        assert "表中为错误值 #SPILL!" in again.get("F15", ""), (out, again)


def test_the_check_button_says_a_newer_error_value_as_the_command_does(tmp_path):
    """Through xlwings 0.37.8 a #SPILL! cell reaches the add-in as Excel's number for it (-2146826243: its
    ``cell_errors`` holds the seven older ones only, ``_xlwindows._clean_value_data_element`` returns any other
    int as it is): the 校验 button read the 实际完成值 as that number. The stand-in gives it so (checked against
    xlwings' source, not in a real Excel)."""
    from test_addin_pages_again_s60 import _excel

    book = _book(tmp_path, "表.xlsx", lambda x: err_cell(x, "F15", "#SPILL!"))
    values = openpyxl.load_workbook(book, data_only=True)
    assert values.worksheets[0]["F15"].value == "#SPILL!"
    host = _excel(openpyxl.load_workbook(book), values)
    title = values.sheetnames[0]
    assert host.book.sheets[title].range((15, 6)).options(err_to_str=True).value == [[-2146826243]]
    host.path, host.plans = str(book), []
    host.apply = host.plans.append
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(actions.FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    said = {(f.cell, f.rule, f.message) for f in in_excel.findings}
    at_f15 = [m for c, _r, m in said if c == "F15"]
    assert at_f15 and all("错误值 #SPILL!" in m for m in at_f15), at_f15
    assert said == {(f.cell, f.rule, f.message) for f in on_file.findings}


def test_the_score_function_reads_a_newer_error_value_as_no_value():
    """JX_SCORE got a #CALC! 完成值 as the number -2146826238 and scored it; the file's reader reads the error."""
    from addin.udfs import JX_SCORE

    assert JX_SCORE("≥95%", -2146826238, 10) == JX_SCORE("≥95%", "#CALC!", 10) == ""
    assert JX_SCORE("≥95%", 96, 10) == 10
