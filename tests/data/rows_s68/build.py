"""How the workbooks of this folder were made (session 68): LibreOffice, headless, doing to the shipped 评价表
template what a 填报人 does who inserts TWO rows at once right under the indicator table's header (above the first
indicator row) and types the new indicator on the lower one only, the upper left blank (it took the header's
locked formats). The template's sums, group subtotals and formats all start two rows lower. The tests read the
saved workbook; run this only to make it again: ``python tests/data/rows_s68/build.py`` (needs LibreOffice).

- 评价表-插两行-上空下填.xlsx: tests/data/top_row_s65's 评价表 (13 三级指标 filled, rows 8–20 of the template) with
  two rows inserted above row 8 (rows 8 and 9), a 5-分 三级指标 with its 一级/二级 names (项目决策, 绩效目标) typed
  on row 9, row 8 blank; 目标内容 lowered from 10 to 5 to keep 绩效目标 at 10.
- 评价表-总计上方插两行-上填下空.xlsx: tests/data/clerk_s64's 评价表 with two rows inserted right above 总计 (rows 21
  and 22), the 14th 三级指标 typed on the upper one (its 一级/二级 cells blank, under the merged 项目效益/项目效果),
  the lower one left blank: the template's sums stop at row 20."""
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from lo_basic import rebuild, typed_text as s   # noqa: E402


def _build_of(folder: str):
    spec = importlib.util.spec_from_file_location(f"build_{folder}", HERE.parent / folder / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


EVAL = _build_of("top_row_s65").EVAL
head, tail = EVAL.split("  sh.Rows.insertByIndex(7, 1)\n")
typed = tail.split(s("D23", "部分工程建设进度滞后。"))[0]
TWO = (head + "  sh.Rows.insertByIndex(7, 2)\n" + typed.replace('"A8"', '"A9"').replace('"D8"', '"D9"')
       .replace('"G8"', '"G9"').replace('"H8"', '"H9"').replace('"I8"', '"I9"').replace('"J8"', '"J9"')
       .replace('"K8"', '"K9"')
       + s("D24", "部分工程建设进度滞后。") + s("D25", "加强工程进度管理。"))

BELOW = _build_of("clerk_s64").EVAL
above, typed_below = BELOW.split("  sh.Rows.insertByIndex(20, 1)\n")
typed_below = typed_below.split(s("D23", "部分工程建设进度滞后。"))[0]
TWO_BELOW = (above + "  sh.Rows.insertByIndex(20, 2)\n" + typed_below
             + s("D24", "部分工程建设进度滞后。") + s("D25", "加强工程进度管理。"))

if __name__ == "__main__":
    rebuild("项目支出绩效评价表.xlsx", HERE / "评价表-插两行-上空下填.xlsx", TWO)
    rebuild("项目支出绩效评价表.xlsx", HERE / "评价表-总计上方插两行-上填下空.xlsx", TWO_BELOW)
    print("built")
