"""A date or time where the 执行率 belongs (a cell formatted as a date) is read as the text it shows
and flagged on G7 by A3, like any other text there; before, the whole file failed with
“读取引擎无法处理此文件（TypeError）” and no cell named."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from pydantic import BaseModel, ValidationError

from jixiao.checking.run import check_paths
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import describe_validation_error


@pytest.mark.parametrize("value, shown", [(dt.datetime(2024, 3, 1), "2024年3月1日"), (dt.time(12, 0), "12:00:00")])
def test_a_date_in_the_rate_cell_is_flagged_on_that_cell(sample_forms, tmp_path, value, shown):
    book = write_forms(sample_forms[:1], tmp_path / "表.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["G7"].value = value
    wb.save(book)
    batch, result = check_paths([book])
    assert len(batch.forms) == 1 and not batch.problems
    a3 = [f for f in result.findings if f.cell == "G7" and f.rule == "A3"]
    assert len(a3) == 1 and a3[0].severity == "error"
    assert f"表中为“{shown}”" in a3[0].message
    assert not [f for f in result.findings if f.rule == "X1"]


def test_a_validation_message_shows_any_input():
    class M(BaseModel):
        x: float

    with pytest.raises(ValidationError) as err:
        M(x=dt.date(2024, 3, 1))  # type: ignore[arg-type]
    text = describe_validation_error(err.value, "表.xlsx#甲")
    assert text.startswith("表.xlsx#甲：") and "字段 x：" in text and "2024-03-01" in text
