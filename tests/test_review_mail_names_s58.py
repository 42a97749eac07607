"""The 退回邮件 attaches a department's 定稿 copy under its own name, not that name prefixed again (stop 58 QA).

A department sends its 定稿 file, named by ``finalize`` for whose it is and which year —
“大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx”. The bureau's return mail attached its marked copy as
“大厂回族自治县医疗保障局-2022-大厂回族自治县医疗保障局-2022-项目支出绩效自评表-校验标注.xlsx”."""

from __future__ import annotations

from review_fixture import form
from test_review_notice_s40h1 import _attached, _review

from jixiao.excel.workbook import write_forms


def test_a_file_named_for_its_unit_and_year_is_not_named_twice(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "县水务局").mkdir(parents=True)
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "县水务局-2022-项目支出绩效自评表.xlsx")
    (inbox / "县民政局").mkdir(parents=True)
    write_forms([form(10, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    depts = _review(inbox, tmp_path / "out")
    names = [n for n, _data in _attached(depts["县水务局"]["mail"])]
    assert names[-1] == "县水务局-2022-项目支出绩效自评表-校验标注.xlsx", names
    assert names[:2] == ["县水务局-2022-退回修改通知.docx", "县水务局-2022-退回修改清单.xlsx"], names
    # a file of another name is still named for whose it is
    assert [n for n, _data in _attached(depts["县民政局"]["mail"])][-1] == "县民政局-2022-民政局-校验标注.xlsx"


def test_a_file_named_for_its_unit_alone_is_not_named_twice(tmp_path):
    """Departments name their files for themselves (“县民政局-绩效自评表.xlsx”, “县农业农村局自评表.xlsx”): the
    return mail attached “县民政局-2022-县民政局-绩效自评表-校验标注.xlsx”, the department named twice."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(10, "县民政局")], inbox / "县民政局-绩效自评表.xlsx")
    write_forms([form(1, "县农业农村局")], inbox / "县农业农村局自评表.xlsx")
    depts = _review(inbox, tmp_path / "out")
    assert [n for n, _data in _attached(depts["县民政局"]["mail"])][-1] == "县民政局-2022-绩效自评表-校验标注.xlsx"
    assert [n for n, _data in _attached(depts["县农业农村局"]["mail"])][-1] == "县农业农村局-2022-自评表-校验标注.xlsx"
