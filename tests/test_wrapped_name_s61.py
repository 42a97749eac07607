"""A county form with fixed-height rows writes a long 三级指标 over two cells (“群众出行” over “条件改善”),
the other columns merged across both rows. It was read as two indicators, the second with no 分值 or 得分:
the check said “指标“条件改善”的得分未填写” on a 得分 cell that holds 30. Now one indicator, the name joined,
listed for checking; two indicators sharing a merged 得分 but each with its own 指标值 stay two."""

from __future__ import annotations

from jixiao.reading import SheetGrid, read_grid
from tests.test_layouts_s58 import GOALS, IND_HEAD, MONEY, TOTAL, head_rows

FIRST = ["产出指标", "数量指标", "养护里程", "≥120公里", "118公里", 50, 49.17, "两段道路施工延期"]
LAST = ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", 10, 10, None]


def _read(middle: list[list[object]], merges: list[tuple[tuple[int, int], tuple[int, int]]]):
    rows = [*head_rows(), *MONEY, *GOALS, IND_HEAD, FIRST, *middle, LAST, TOTAL]
    r0 = rows.index(FIRST) + 1
    shifted = [((a + r0, b), (c + r0, d)) for (a, b), (c, d) in merges]
    forms, problems = read_grid(SheetGrid(rows, shifted, "交通.xlsx", "自评"))
    assert problems == []
    (af,) = forms
    return af, r0


def test_a_name_wrapped_into_a_second_row_is_one_indicator():
    middle = [["效益指标", "社会效益指标", "群众出行", "明显改善", "明显改善", 30, 30, None],
              [None, None, "条件改善", None, None, None, None, None]]
    af, r0 = _read(middle, [((0, c), (1, c)) for c in (0, 1, 3, 4, 5, 6, 7)])
    assert [(i.name, i.weight, i.score) for i in af.form.indicators] == [
        ("养护里程", 50, 49.17), ("群众出行条件改善", 30, 30), ("沿线群众满意度", 10, 10)]
    (note,) = [n for n in af.notes if "分写在两行" in n.message]
    assert note.cell == f"C{r0 + 1}、C{r0 + 2}"
    assert note.message == "三级指标名称分写在两行，分值、得分等跨这两行合并：按一个指标“群众出行条件改善”读"


def test_two_indicators_under_one_merged_score_stay_two():
    middle = [["效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", 30, 30, None],
              [None, None, "沿线就业", "≥50人", "56人", None, None, None]]
    af, _r0 = _read(middle, [((0, c), (1, c)) for c in (0, 1, 5, 6)])
    assert [i.name for i in af.form.indicators] == ["养护里程", "群众出行条件", "沿线就业", "沿线群众满意度"]
