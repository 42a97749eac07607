"""`jixiao check` as a finance bureau runs it: JSON as outputs.md says, exit codes, bad input
that does not stop the batch, and the annotated copy (input untouched, opens in LibreOffice)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess

import openpyxl
import pytest

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main
from jixiao.excel.office import convert, pdf_to_png
from jixiao.excel.plan import RESULT_SHEET
from jixiao.excel.workbook import write_forms

FINDING_KEYS = ["file", "sheet", "cell", "project", "field", "rule", "severity", "message", "expected", "found"]


@pytest.fixture(scope="module")
def book(sample_forms, tmp_path_factory):
    return write_forms(sample_forms, tmp_path_factory.mktemp("chk") / "大厂-2022.xlsx")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_findings_exactly_as_specified(book, capsys):
    code, out, _ = run(capsys, "check", str(book), "--json")
    findings = json.loads(out)
    assert code == 1
    # added fields where they apply, after these: "expected_is_formula" (s66, a formula 总分's D11), "folded"
    assert findings and all(list(f) in ([*FINDING_KEYS, *formula, *folded] for formula in ([], ["expected_is_formula"])
                                        for folded in ([], ["folded"])) for f in findings)
    assert all(f["expected_is_formula"] is True for f in findings if "expected_is_formula" in f)
    assert any("expected_is_formula" in f for f in findings)    # 10's D11: its 总分 is the template's formula
    # a finding another on its cell already says is inside that one, in the same form (10's D7 in D11 on H34)
    inner = [g for f in findings for g in f.get("folded", [])]
    assert inner and all(list(g) == FINDING_KEYS for g in inner)
    assert all(f["severity"] in ("error", "warning", "info") for f in findings)
    f = next(f for f in findings if f["rule"] == "A4")
    assert (f["sheet"], f["cell"], f["field"]) == ("医保基金监管专项检查经费", "H7", "exec_score")
    assert (f["expected"], f["found"]) == (9.5, 10)


@pytest.mark.parametrize("rule, sheet, cell", [
    ("D4", "退役军人辅助性岗位经费", "H17"),            # 01: cost ceiling met, scored 18.5
    ("A3", "关于提前下达 2022 年省级财政医疗救助补助资金的通知冀财社", "G7"),  # 14: "10" for 100%
    ("A2", "更新购置医保监督执法用车", "C8"),             # 09: 财政拨款 blank under 13.6
    ("B2", "医保基金监管专项检查经费", "G34"),            # 10: Σ分值 110 written 100
    ("D7", "医保基金监管专项检查经费", "H34"),
])
def test_findings_name_the_cell_of_the_filled_workbook(book, capsys, rule, sheet, cell):
    _, out, _ = run(capsys, "check", str(book), "--json")
    found = json.loads(out)
    found += [g for f in found for g in f.get("folded", [])]   # inside another finding on its cell (D7 in D11)
    hits = [f for f in found if f["rule"] == rule and f["sheet"] == sheet]
    assert cell in {f["cell"] for f in hits}
    ws = openpyxl.load_workbook(book)[sheet]
    assert ws[cell].value is not None or rule == "A2"


def test_text_output_groups_by_sheet_errors_first_with_counts(book, capsys):
    code, out, _ = run(capsys, "check", str(book))
    assert code == 1
    blocks = [b for b in out.split("\n\n") if "›" in b]
    assert len(blocks) == 23
    first = blocks[0].splitlines()
    assert "退役军人辅助性岗位经费（错误" in first[0]
    levels = [line.strip().split(" · ")[0] for line in first[1:]]
    assert all(" · 单元格 " in line and " · 规则 " in line for line in first[1:])  # reads as Chinese
    assert levels == sorted(levels, key=["错误", "警告", "提示"].index)
    assert "共检查 1 个文件、23 张表：错误" in out


def test_profile_changes_what_is_an_error(tmp_path, sample_json, capsys):
    """A score right under the 60% rule is an error by default, not under that profile."""
    data = json.loads(json.dumps(sample_json[1]))   # 02: ≥17 名, actual 14 名, weight 10
    data["indicators"][0]["score"] = 5.59            # (14/17 − 0.6) ÷ 0.4 × 10
    data["indicators"][0]["reason"] = "服务人数少于预期"
    p = tmp_path / "02.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    def d4(*extra):
        _, out, _ = run(capsys, "check", str(p), "--json", *extra)
        return [f for f in json.loads(out) if f["rule"] in ("D4", "D8") and f["field"] == "indicators[0].score"]
    (default,) = d4()
    assert (default["rule"], default["severity"]) == ("D8", "warning") and "60%" in default["message"]
    assert d4("--profile", "sixty") == []


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path, book, capsys):
    folder = tmp_path / "报回"
    folder.mkdir()
    shutil.copy(book, folder / "a-好.xlsx")
    (folder / "b-坏.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "c-文本.xls").write_text("这不是工作簿", encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "年度预算表"
    wb.save(folder / "d-无自评表.xlsx")
    _encrypted(book, folder / "e-加密.xlsx")
    code, out, _ = run(capsys, "check", str(folder), "--json")
    findings = json.loads(out)
    bad = {f["file"].rsplit("/", 1)[-1]: f["message"] for f in findings if f["rule"] == "X1"}
    assert set(bad) == {"b-坏.xlsx", "c-文本.xls", "d-无自评表.xlsx", "e-加密.xlsx"}
    assert "密码" in bad["e-加密.xlsx"] and "没有找到项目支出绩效自评表" in bad["d-无自评表.xlsx"]
    assert any(f["file"].endswith("a-好.xlsx") and f["rule"] == "A4" for f in findings)
    assert code == 1


def test_nothing_readable_exits_2(tmp_path, capsys):
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"garbage")
    code, out, _ = run(capsys, "check", str(p))
    assert code == 2 and "x.xlsx" in out and "无法作为工作簿打开" in out


def _encrypted(src, dst):
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(src, "rb") as f:
        plain = io.BytesIO(f.read())
    with open(dst, "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_annotated_copy_marks_every_finding(book, tmp_path, capsys):
    before = _digest(book)
    out = tmp_path / "标注.xlsx"
    code, stdout, _ = run(capsys, "check", str(book), "--json", "--annotate", str(out))
    assert code == 1 and _digest(book) == before  # the input is never touched
    findings = json.loads(stdout)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == RESULT_SHEET
    result = wb[RESULT_SHEET]
    assert result.max_row - 2 == len(findings)
    ws = wb["退役军人辅助性岗位经费"]
    assert ws["H17"].fill.fgColor.rgb.endswith("FFC7CE")                 # error: red
    # the message says what the cell should be: no second “（应为：20）” after it (core.expected)
    assert "得分应为 20" in ws["H17"].comment.text and ws["H17"].comment.text.count("应为") == 1
    assert ws["E15"].fill.fgColor.rgb.endswith("FFEB9C")                 # warning: yellow
    link = next(r[3] for r in result.iter_rows(min_row=3) if r[3].value == "H17" and r[2].value == ws.title)
    assert link.hyperlink.location == f"'{ws.title}'!H17"


def test_annotated_copy_keeps_the_results_its_file_stored(book, tmp_path, capsys):
    """The marked copy is saved by openpyxl: the forms' 执行率, 得分, 总分 and 等级 keep the results
    the file stored (marks change no value), so a phone or a previewer shows the same numbers as
    the original; they were blank."""
    import python_calamine as pc

    def cells(path):
        wb = pc.CalamineWorkbook.from_path(str(path))
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}

    out = tmp_path / "标注.xlsx"
    run(capsys, "check", str(book), "--annotate", str(out))
    before, after = cells(book), cells(out)
    assert set(after) == {*before, RESULT_SHEET}
    for title, rows in before.items():
        assert after[title] == rows, title
    assert after["退役军人辅助性岗位经费"][33][7] == 97.75


def test_annotated_copy_opens_in_libreoffice(book, tmp_path, artifacts, capsys):
    need_libreoffice()
    out = tmp_path / "标注.xlsx"
    run(capsys, "check", str(book), "--annotate", str(out))
    resaved = convert(out, "xlsx", tmp_path / "lo")   # fails if LibreOffice cannot open it
    wb = openpyxl.load_workbook(resaved)
    assert wb.sheetnames[0] == RESULT_SHEET and len(wb.sheetnames) == 24
    assert wb["退役军人辅助性岗位经费"]["H17"].comment is not None
    pdf = convert(out, "pdf", tmp_path / "pdf")
    # the page of the first form (the 校验结果 pages come first): its marks, rendered to look at
    page = next(i for i in range(1, 40) if "退役军人辅助性岗位经费" in subprocess.run(
        ["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True).stdout
        and "年度资金总额" in subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
                                          capture_output=True, text=True).stdout)
    pngs = pdf_to_png(pdf, artifacts / "annotated-form", dpi=70, first=page, last=page)
    assert pngs and pngs[0].stat().st_size > 10_000
    from PIL import Image

    img = Image.open(pngs[0]).convert("RGB")
    colours = set(getattr(img, "get_flattened_data", img.getdata)())  # getdata: Pillow < 12
    assert (0xFF, 0xC7, 0xCE) in colours or any(abs(r - 255) < 4 and abs(g - 199) < 6 and abs(b - 206) < 6
                                                for r, g, b in colours)  # the red error fill is printed


def test_single_json_of_a_correct_form_exits_0(tmp_path, capsys):
    from test_check_samples import correct

    data = correct(json.loads(SAMPLES[0].read_text(encoding="utf-8")))
    p = tmp_path / "ok.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(p), "--json")
    assert code == 0 and not [f for f in json.loads(out) if f["severity"] == "error"]


def test_usage_errors_and_help_are_in_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["fill"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "用法：jixiao fill" in err and "缺少必需的参数：" in err and "参数: " not in err
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：jixiao check") and "显示帮助" in out and "usage" not in out
