"""Session 68 (calcmsg): 计算 says only the merges it did. An applier leaves a group's cells unmerged where the new
row's cell holds another text or another merged area lies in the way (``excel.plan.MergeRows``), and the message
still said “合并格已扩到新行（…F19:F21）”. The appliers now return why (``plan.merge_refused``, the same words from
the copy's ``apply.merge_rows`` and the add-in's ``XlwingsHost._merge_rows``), ``Host.apply`` returns what was
refused, and the message is built after applying (``actions.merges_said``): the areas merged, and each one not
merged with its sheet, its cells, why and what to do."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from test_rows_s68 import ABOVE_TOTAL, _merged, _sheet, _XlSheet

SHEET = "项目支出绩效评价表"
GROUP = [f"{c}19:{c}21" for c in "ABCDEF"]   # the 项目效益 group's cells merged over the row inserted above 总计


def _edited(src: Path, dst: Path, cell: str | None = None, text: str = "", merge: str | None = None) -> Path:
    """``src`` with ``text`` typed in ``cell`` or ``merge`` merged, written into the sheet's XML: the file keeps
    the formula results it stored (openpyxl would save it without, and the form would read otherwise)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                x = data.decode()
                if cell:
                    x, n = re.subn(rf'<c r="{cell}"( s="\d+")?( t="\w+")?\s*(/>|>.*?</c>)',
                                   rf'<c r="{cell}"\1 t="inlineStr"><is><t>{text}</t></is></c>', x, count=1)
                    assert n, cell
                if merge:
                    x, n = re.subn(r'<mergeCells count="(\d+)">',
                                   lambda m: f'<mergeCells count="{int(m.group(1)) + 1}"><mergeCell ref="{merge}"/>', x)
                    assert n, merge
                data = x.encode()
            zout.writestr(info, data)
    return dst


@pytest.mark.parametrize("edit,refused,why", [
    (dict(cell="F21", text="见附件"), ["F19:F21"], "F21 中填有“见附件”，与这一组的内容不同"),
    (dict(merge="E21:F21"), ["E19:E21", "F19:F21"], "其中 E21:F21 是另一个合并格，请取消 E21:F21 的合并")],
    ids=["typed", "merged"])
def test_calc_says_only_the_merges_done(tmp_path, edit, refused, why):
    """The 评价表's row 21 inserted above 总计 with 见附件 typed in its F21 (or E21:F21 merged): 计算 merges A–E (A–D),
    leaves the others, and the message lists only the merged areas, then names each other one, why, and how to
    merge it by hand. Before: “合并格已扩到新行（A19:A21、…、F19:F21）” over cells left unmerged."""
    from jixiao.actions import FileHost, calc

    host = FileHost(str(_edited(ABOVE_TOTAL, tmp_path / "in.xlsx", **edit)), str(tmp_path / "计算后.xlsx"))
    said = calc(host).message()
    host.save()
    merged = _merged(openpyxl.load_workbook(tmp_path / "计算后.xlsx").worksheets[0])
    done = [a for a in GROUP if a not in refused]
    assert set(done) <= merged and not set(refused) & merged, sorted(merged)
    [listed] = re.findall(r"合并格已扩到新行（([^）]*)）", said)
    assert listed.split("、") == done, said
    mine = said[said.index(f"“{SHEET}”"):]   # the sheet's sentence
    for area in refused:
        assert f"{area} 未合并：{why}" in mine and f"再选中 {area} 合并单元格" in mine, said


CASES = {"typed": ({"A9": "项目决策", "A8": "其他"}, ["A9:A11"], "A8 中填有“其他”"),
         "a number": ({"A9": "项目决策", "A10": 5}, ["A9:A11"], None),   # inside ``old``: not the new row's
         "number typed": ({"B9": 20, "B8": 5}, ["B9:B11"], "B8 中填有“5”"),
         "other merge": ({"A9": "项目决策"}, ["A9:A11", "A8:B8"], "其中 A8:B8 是另一个合并格"),
         "changed": ({"A9": "项目决策"}, ["A10:A11"], "A9:A11 已不是读表时的合并格")}


@pytest.mark.parametrize("cells,areas,why", CASES.values(), ids=list(CASES))
def test_both_hosts_say_the_same(cells, areas, why):
    """The copy's applier and the add-in's (a stand-in answers Excel's object model) refuse the same merges with the
    same words, naming the cell and what to do."""
    from addin.host import XlwingsHost
    from jixiao.excel.apply import merge_rows
    from jixiao.excel.plan import MergeRows

    col = next(iter(cells))[0]
    e = MergeRows("表", f"{col}9:{col}11", f"{col}8:{col}11")
    copy = merge_rows(_sheet(cells, areas), e)
    addin = XlwingsHost._merge_rows(_XlSheet({k: str(v) for k, v in cells.items()}, areas), e)
    assert copy == addin
    if why is None:
        assert copy is None
    else:
        assert copy is not None and why in copy, copy


def test_the_message_after_applying():
    """``merges_said``: by sheet, the areas merged, then each refused one with why; nothing said of a sheet with no
    merge."""
    from jixiao.actions import merges_said, merges_sentence
    from jixiao.excel.plan import MergeRows, Plan

    plan = Plan()
    a, b, c = MergeRows("甲", "A9:A11", "A8:A11"), MergeRows("甲", "B9:B11", "B8:B11"), MergeRows("乙", "A9:A11", "A8:A11")
    for e in (a, b, c):
        plan.add(e)
    said = merges_said(plan, [(b, "B8 中填有“5”")])
    assert said == {"甲": "合并格已扩到新行（A8:A11）；B8:B11 未合并：B8 中填有“5”", "乙": "合并格已扩到新行（A8:A11）"}
    assert merges_said(plan, [(b, "x"), (a, "y")])["甲"] == "A8:A11 未合并：y；B8:B11 未合并：x"
    assert merges_said(Plan(), None) == {} and merges_sentence(Plan(), None) == ""
    assert merges_sentence(plan, None) == "“甲”合并格已扩到新行（A8:A11、B8:B11）；“乙”合并格已扩到新行（A8:A11）。"


def test_summarize_in_the_workbook_says_the_merge_after_applying(tmp_path):
    """汇总 (in the workbook) merges the project form's “绩效指标” label over the row inserted above 总分 as 计算 does,
    and says it once, after what it did to the totals."""
    from jixiao.actions import FileHost, summarize_in_book

    book = Path(__file__).resolve().parent / "data" / "clerk_s64" / "教育局-插在总分上方.xlsx"
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    notes: list[str] = []
    summarize_in_book(host, None, notes)
    host.save()
    assert "A13:A34" in _merged(openpyxl.load_workbook(tmp_path / "汇总后.xlsx")["项目支出绩效自评表"])
    said = "".join(notes)
    assert said.count("合并格已扩到新行（A13:A34）") == 1 and said.index("不在总分行公式的范围内") < said.index("合并格"), said
