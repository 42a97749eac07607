"""``--year`` is read by the core's reading of a year cell (``core.dates.year_in``), the one place that
knows how a year is written; the CLI kept its own near-copy (stop 60). A person types a year: one that
stands amid other digits (“2021-2022”, “2022,2023”) is no one year, and is refused rather than taken
as its first (which a cell reading does, ``anywhere``)."""

from __future__ import annotations

import pytest

from jixiao.cli import build_parser
from jixiao.core.dates import year_in
from test_cli_mistakes_s59 import run


@pytest.mark.parametrize("given", ["2022", "２０２２", " 2022 ", "2022年", "2022年度", "（2022）", "(2022)",
                                   "年度：2022", "二〇二二年", "（2022年度）"])
def test_a_year_as_forms_write_it_is_taken_as_a_cell_is_read(given):
    assert build_parser().parse_args(["summarize", "a.xlsx", "--year", given]).year == 2022
    assert year_in(given) == year_in(given, anywhere=False) == 2022   # the same reading as a form's year cell


@pytest.mark.parametrize("given", ["2021-2022", "2022,2023", "2022/12/31", "2022预算"])
def test_a_year_amid_other_text_is_no_year_typed(capsys, given):
    assert year_in(given) is not None and year_in(given, anywhere=False) is None   # a cell's, not a --year
    code, _, err = run(capsys, "summarize", "a.xlsx", "--year", given)
    assert code == 2 and f"“{given}”不是年度，请写四位数的年份，如 --year 2022" in err, err


def test_the_cli_has_no_year_reading_of_its_own():
    import inspect

    from jixiao import cli

    assert "year_in(" in inspect.getsource(cli._year) and "cell_year" not in inspect.getsource(cli)
