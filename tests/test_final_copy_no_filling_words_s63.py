"""The 定稿 of every form kind says nothing about filling in or about the tool (stop 63).

A 定稿 is the values-only workbook a department emails; the finance bureau opens it and re-checks it
with ``jixiao review``. The 部门整体 form's 定稿 kept its appendix (计算数据, 评分标准参数) outside the print
area with the template's filling words: “附：计算数据与评分标准参数（填写计算数据后，公式型指标自动评分；
评分标准参数可按本部门评分办法修改）”, “蓝底为自动计算，白底可修改”, “百分数，如 100%”, “各档从高到低排列”,
“项数填在计算数据中”, “问卷调查等取得的满意度，如 93%”. The appendix stays (the bureau re-scores the
formula indicators from it) under neutral labels, and a 定稿 read back is checked as the working workbook is
— with its hidden row keys (column K) and, where a copy lost them, by the labels (``keyless``)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli import main as cli_main
from final_helpers import alike_but_total_advice

SAMPLES = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
KINDS = {"project": SAMPLES / "dachang-2022" / "01.json",
         "department": SAMPLES / "zizhou-2023" / "department.json",
         "evaluation": SAMPLES / "fengtai-2023-evaluation" / "form.json"}
# words that tell a reader how to fill the form in, or what the tool does
FILLING = re.compile(r"填写|填在|如 ?\d|自动|可修改|可按|修改|蓝底|白底|排列|只填|留空|下拉|jixiao|本工具", re.I)


def _final(tmp_path: Path, kind: str, capsys) -> tuple[Path, Path]:
    book = tmp_path / f"{kind}.xlsx"
    assert cli_main(["fill", str(KINDS[kind]), "-o", str(book)]) == 0
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / f"final-{kind}"), "--force", "--no-pdf"]) in (0, 1)
    capsys.readouterr()
    return book, next((tmp_path / f"final-{kind}").glob("*.xlsx"))


def _findings(book: Path) -> list[tuple]:
    from jixiao.checking.run import check_paths
    from jixiao.core.profiles import get_profile

    _batch, checked = check_paths([book], get_profile(None))
    return sorted((f.rule, f.severity, f.field, f.cell or "", f.message.replace(book.name, "")) for f in checked.findings)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_final_copy_has_no_filling_words(tmp_path, capsys, kind):
    _book, final = _final(tmp_path, kind, capsys)
    wb = openpyxl.load_workbook(final)
    said = [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and FILLING.search(c.value)]
    assert said == []
    with zipfile.ZipFile(final) as z:   # nor in any other part: comments, properties, names, custom XML
        rest = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.startswith("xl/worksheets/")
                and not n.endswith("sharedStrings.xml")}
    assert not [n for n in rest if "comments" in n or n.startswith("customXml")]
    assert not [n for n, text in rest.items() if FILLING.search(text) or "openpyxl" in text.lower()]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_final_copy_is_checked_as_the_workbook(tmp_path, capsys, kind):
    """The same findings, but for the advice on a wrong 总分 (D11, D12; F12, V8): the working workbook's 总分 is the
    template's formula (“总分格是公式，随之自动重新合计……”), the 定稿's a value, as typed (“总分应为 …”)."""
    book, final = _final(tmp_path, kind, capsys)
    alike_but_total_advice(_findings(book), _findings(final))


def test_a_final_copy_without_its_row_keys_is_still_read_by_its_labels(tmp_path, capsys):
    """A bureau that copies the printed table of a 定稿 (A:J) into its own workbook leaves column K
    behind: the appendix is found by its neutral labels as the template's are."""
    book, final = _final(tmp_path, "department", capsys)
    wb = openpyxl.load_workbook(final)
    ws = wb.worksheets[0]
    assert any(isinstance(c.value, str) and c.value.startswith("评分标准参数") for c in ws["A"])
    ws.protection.sheet = False
    for c in ws["K"]:
        c.value = None
    bare = tmp_path / "无行键.xlsx"
    wb.save(bare)
    assert _findings(bare) == _findings(book)


def test_the_final_copy_names_no_library_version(tmp_path, capsys):
    """app.xml said <Application>Microsoft Excel</Application> (stop 58) but <AppVersion>3.1</AppVersion>:
    openpyxl's own version, which no Excel has; the 定稿 carries no version of the library that wrote it."""
    _book, final = _final(tmp_path, "project", capsys)
    with zipfile.ZipFile(final) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Application>Microsoft Excel</Application>" in app
    assert "AppVersion" not in app


def test_the_button_s_final_copy_has_no_filling_words_either(tmp_path):
    """The 定稿 button (here on a ``FileHost``, as LibreOffice and tests run it) writes the same copy."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    book = tmp_path / "部门整体.xlsx"
    assert cli_main(["fill", str(KINDS["department"]), "-o", str(book)]) == 0
    buttons.finalize(FileHost(str(book)), outdir=str(tmp_path / "定稿"), confirm=True, email=False)
    final = next((tmp_path / "定稿").glob("*.xlsx"))
    ws = openpyxl.load_workbook(final).worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "附：计算数据与评分标准参数" in texts
    assert not [t for t in texts if FILLING.search(t)]
    assert _findings(final) == _findings(book)
