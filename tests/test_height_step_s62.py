"""A row as tall as ``grown_height`` asks, give or take Excel's pixel, is not grown again (stop 62): Excel keeps row
heights in whole pixels (0.75 pt) and LibreOffice in its own units, so a row grown to 34 pt reads back as 33.75 and
was grown again, its form's pages planned again, on every 计算, 校验 and copy."""

from __future__ import annotations

from jixiao.excel.fit import HEIGHT_STEP, grown_height, row_height

TWO_LINES = ("社会公众满意度调查", 10.0)   # 9 CJK characters: 18 units in a 9.5-unit line, two lines


def test_two_lines_need_34_points() -> None:
    assert row_height([TWO_LINES]) == 34.0
    assert grown_height([TWO_LINES], 22.0) == 34.0   # a one-line row grows


def test_a_row_one_pixel_short_is_not_grown_again() -> None:
    # 34 pt is 45.33 px at 96 dpi: Excel keeps 45 px, 33.75 pt; LibreOffice saves 33.75 too
    pixels = int(34.0 / 0.75)
    assert grown_height([TWO_LINES], pixels * 0.75) is None
    assert grown_height([TWO_LINES], 34.0 - HEIGHT_STEP) is None


def test_a_row_clearly_short_still_grows() -> None:
    assert grown_height([TWO_LINES], 34.0 - HEIGHT_STEP - 0.25) == 34.0
    assert grown_height([TWO_LINES], 28.0) == 34.0
