"""One budget year for the documents and the forms they go with (stop 57 QA).

A 部门整体 form whose header still said “（2022年度）” under a 设置 of 2023: check raised nothing, the 报送函 was
titled “关于报送2023年度……” and its body said “2022年度部门整体支出绩效自评共设三级指标20个”, and 定稿 named the file
“…-2023-…xlsx” with the 2022 form in it. Both are refused now, naming the 设置 and the form's 年度 cell."""

from __future__ import annotations

import pytest

from jixiao import reports as R
from jixiao.core.settings import Settings
from jixiao.errors import ReportError
from jixiao.forms.project.model import load_form
from jixiao.years import year_conflict
from test_report_department import CLEAN, _batch, _dept


def test_a_settings_year_other_than_the_forms_is_refused(tmp_path):
    year = load_form(CLEAN).year
    batch = _batch(_dept(year))
    with pytest.raises(ReportError) as e:
        R.build_reports(batch, Settings(year=year + 1), tmp_path, force=True)
    said = str(e.value)
    assert f"写的是{year + 1}年度" in said and f"的年度是{year}年度" in said and "未生成报告" in said
    assert not list(tmp_path.glob("*.docx"))
    # the same year, or none given (the forms' is taken): written
    assert R.build_reports(batch, Settings(year=year), tmp_path / "ok", force=True)


def test_the_conflict_names_the_form_and_counts_the_others():
    year = load_form(CLEAN).year
    batch = _batch(_dept(year + 1))               # the 部门整体 form of another year than the project's
    apart = year_conflict(year, batch.all(), "设置的“年度”")
    assert apart is not None and "“部门整体”工作表" in apart[0] and f"的年度是{year + 1}年度" in apart[0]
    assert year_conflict(None, batch.all(), "x") is None
    assert year_conflict(year + 1, batch.all(), "x") is not None and "等" not in year_conflict(year + 1, batch.all(), "x")[0]


def test_finalize_refuses_a_file_named_for_another_year(tmp_path):
    from jixiao.excel.workbook import write_forms
    from jixiao.finalize import FinalizeRefused, finalize

    form = load_form(CLEAN)
    book = write_forms([form], tmp_path / "自评表.xlsx")
    with pytest.raises(FinalizeRefused) as e:
        finalize(book, tmp_path / "out", force=True, pdf=False, settings=Settings(year=form.year + 1))
    assert f"写的是{form.year + 1}年度" in str(e.value) and "未定稿" in str(e.value)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    done = finalize(book, tmp_path / "out", force=True, pdf=False, settings=Settings(year=form.year))
    assert f"-{form.year}-" in done.workbook.name
