"""绩效目标表 → 自评表: reading approved targets, ``import --targets`` and ``check --targets``.

The target workbooks are generated (``target_books``) from the 大厂 samples in the two layouts
of issue 15, 230 sheets for the big one; the prefilled 自评表 are read back with the
ordinary reader and checked with the ordinary checker.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import openpyxl
import pytest
from target_books import ROAD, expected, write_book, write_stacked, write_system_book

from jixiao.cli import main
from jixiao.errors import NotAFormError
from jixiao.forms.project.reader import read_workbook
from jixiao.reading.targets import read_targets, same_target

CORPUS = Path(__file__).resolve().parent / "corpus"
N = 230
# what the filler reports at year end (and the 其中 split of the approved amount, and the weights
# where the 申报表 approved none): a prefilled form may be incomplete there, nowhere else
TO_FILL = ("funds.", "funds_weight", "exec_rate", "exec_score", "total_weight", "total_score", "goal_actual")
TO_FILL_IND = ("actual", "score", "reason")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    d = tmp_path_factory.mktemp("targets")
    book = write_book(d / "绩效目标表.xlsx", N)
    out = d / "自评表.xlsx"
    t0 = time.perf_counter()
    code = main(["import", "--targets", str(book), "-o", str(out), "--json"])
    seconds = time.perf_counter() - t0
    print(f"\nimport --targets: {N} sheets in {seconds:.1f} s")  # measured, never asserted
    return book, out, code


def _approved(t) -> dict:
    return {"project": t.project, "year": t.year, "unit": t.unit, "authority": t.authority, "amount": t.amount,
            "goal": t.goal, "indicators": [{"level1": i.level1, "level2": i.level2, "name": i.name,
                                            "target": i.target, "weight": i.weight} for i in t.indicators]}


def test_every_sheet_of_a_big_target_book_reads_back(big):
    book, _out, _code = big
    t0 = time.perf_counter()
    targets, problems = read_targets(book)
    print(f"\nread_targets: {N} sheets in {time.perf_counter() - t0:.2f} s")
    assert problems == [] and len(targets) == N
    assert [_approved(t) for t in targets] == expected(N)
    assert {t.dropped for t in targets[::2]} != {0}  # the 申报表's "不适用" rows were there, and dropped
    assert all(t.code and t.code.startswith("13102822") for t in targets[::2])
    first = targets[0]
    assert first.cells["project"] == "E3" and first.cells["amount"] == "B5"


def test_import_targets_writes_prefilled_forms_in_our_template(big):
    _book, out, code = big
    assert code == 0
    res = read_workbook(out)
    assert res.problems == [] and len(res.forms) == N and all(sf.native for sf in res.forms)
    for sf, e in zip(res.forms, expected(N)):
        f = sf.form
        assert (f.project, f.year, f.unit, f.authority, f.goal_expected) == (
            e["project"], e["year"], e["unit"], e["authority"], e["goal"])
        assert f.funds.total.initial == e["amount"] and f.funds.total.annual is None and f.goal_actual is None
        assert [(i.level1, i.level2, i.name, i.target, i.weight) for i in f.indicators] == [
            (i["level1"], i["level2"], i["name"], i["target"], i["weight"]) for i in e["indicators"]]
        assert all(i.actual is None and i.score is None for i in f.indicators)


def test_prefilled_forms_pass_check_but_for_what_the_filler_fills(big, capsys):
    book, out, _code = big
    capsys.readouterr()
    main(["check", str(out), "--targets", str(book), "--json"])
    findings = json.loads(capsys.readouterr().out)
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors  # the forms are not filled in yet
    assert not [f for f in findings if f["rule"] in ("T1", "T2")]
    weighted = {e["project"] for e in expected(N) if e["indicators"][0]["weight"] is not None}
    for f in errors:
        field = f["field"]
        if field.startswith("indicators["):
            part = field.split(".")[-1]
            assert part in TO_FILL_IND or (part == "weight" and f["project"] not in weighted), f
        else:
            assert field.startswith(TO_FILL), f


def _prefilled(tmp_path, n=4):
    book = write_book(tmp_path / "目标表.xlsx", n)
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    return book, out


def test_check_targets_reports_a_changed_target_a_lost_and_an_added_indicator(tmp_path, capsys):
    book, out = _prefilled(tmp_path)
    sheet = read_workbook(out).forms[1]
    wb = openpyxl.load_workbook(out)
    ws = wb[sheet.sheet]
    target_cell, name_cell = sheet.cell("indicators[0].target"), sheet.cell("indicators[1].name")
    approved_target = ws[target_cell].value
    ws[target_cell] = "≥2 人次"              # a target changed at year end
    ws[name_cell] = "群众知晓率"                 # an approved indicator replaced by another
    wb.save(out)
    capsys.readouterr()
    code = main(["check", str(out), "--targets", str(book), "--json"])
    t1 = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "T1"]
    assert code == 1
    assert {(f["sheet"], f["cell"]) for f in t1} >= {(sheet.sheet, target_cell), (sheet.sheet, name_cell)}
    changed = next(f for f in t1 if f["cell"] == target_cell)
    assert f"批复的“{approved_target}”" in changed["message"] and "≥2 人次" in changed["message"]
    assert "目标表.xlsx“002”D" in changed["message"]  # where it was approved
    assert any("在自评表中没有" in f["message"] for f in t1) and any("不在批复的" in f["message"] for f in t1)
    assert all(f["severity"] == "error" for f in t1)


def test_check_targets_warns_for_a_project_it_cannot_find(tmp_path, capsys):
    book = write_book(tmp_path / "目标表.xlsx", 3)
    capsys.readouterr()
    main(["check", str(CORPUS / "04-no-leader-rows.xlsx"), "--targets", str(book), "--json"])
    t = [f for f in json.loads(capsys.readouterr().out) if f["rule"].startswith("T")]
    assert [(f["rule"], f["severity"], f["field"]) for f in t] == [("T2", "warning", "project")]


def test_same_target_folds_only_the_writing():
    assert same_target("≥1 人", "≥1人") and same_target(">=95%", "≥95％") and same_target(None, "")
    assert not same_target("≥1 人", "≥2 人") and not same_target("≥95%", "≤95%")


def test_a_self_evaluation_book_is_not_a_target_book(tmp_path, capsys):
    targets, problems = read_targets(CORPUS / "01-merged-levels.xlsx")
    assert targets == [] and len(problems) == 2
    assert all("是自评表，不是绩效目标表" in str(p) and p.sheet for p in problems)
    with pytest.raises(NotAFormError, match="没有找到绩效目标表"):
        _no_target_book(tmp_path)
    assert main(["import", "--targets", str(CORPUS / "01-merged-levels.xlsx"), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert not (tmp_path / "x.xlsx").exists()


def _no_target_book(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目清单"
    wb.save(tmp_path / "清单.xlsx")
    return read_targets(tmp_path / "清单.xlsx")


def test_import_targets_never_overwrites_its_input_and_needs_one_kind_of_input(tmp_path, capsys):
    book = write_book(tmp_path / "目标表.xlsx", 2)
    before = book.read_bytes()
    assert main(["import", "--targets", str(book), "-o", str(book)]) == 2
    assert book.read_bytes() == before and "不能是绩效目标表本身" in capsys.readouterr().err
    assert main(["import", str(CORPUS / "04-no-leader-rows.xlsx"), "--targets", str(book),
                 "-o", str(tmp_path / "y.xlsx")]) == 2
    assert "不能同时使用" in capsys.readouterr().err


def test_projects_stacked_on_one_sheet_are_each_read(tmp_path):
    """A clerk pastes every project's 目标表 one under another on one sheet: each is a project
    (its own head, year and indicators), none swallows the next one's title and labels."""
    book = write_stacked(tmp_path / "目标表.xlsx", 4)
    targets, problems = read_targets(book)
    assert problems == [] and len(targets) == 4
    assert [_approved(t) for t in targets] == expected(4)
    assert len({t.cells["project"] for t in targets}) == 4 and all(t.sheet == "绩效目标表" for t in targets)
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    assert [sf.form.project for sf in read_workbook(out).forms] == [e["project"] for e in expected(4)]


def test_amounts_in_yuan_under_a_unit_line_are_read_in_wan_yuan(tmp_path):
    """"金额单位：元" under the title: the 年度资金总额 1250000 is 125 万元, not 1250000 万元."""
    book = write_system_book(tmp_path / "目标表.xlsx", [ROAD])
    (t,), problems = read_targets(book)
    assert problems == [] and t.amount == 125 and t.cells["amount"] == "C5"
    assert any("1250000 元按 125 万元读" in n.message for n in t.notes)
    (t,), _ = read_targets(write_system_book(tmp_path / "万元.xlsx", [{**ROAD, "funds": (125, 125, 0)}],
                                             unit_line="单位：万元"))
    assert t.amount == 125


@pytest.mark.parametrize("label", ["年度绩效目标", "年度总体绩效目标", "年度目标", "年度总体目标"])
def test_the_goal_is_read_under_the_labels_target_tables_give_it(tmp_path, label):
    """The system prints "年度绩效目标": it is the 预期目标 of the prefilled form, as "年度目标" is."""
    book = write_system_book(tmp_path / "目标表.xlsx", [ROAD], goal_label=label)
    (t,), _ = read_targets(book)
    assert t.goal == ROAD["goal"] and t.cells["goal"] == "B8"
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    assert read_workbook(out).forms[0].form.goal_expected == ROAD["goal"]


def test_one_project_name_under_two_units_is_checked_against_each_units_targets(tmp_path, capsys):
    """学生资助补助经费 of 第一中学 and of 第二中学: each 自评表 is held to its own unit's approved targets."""
    second = {**ROAD, "unit": "某县第二市政所", "code": "511423240000000102",
              "indicators": [(*i[:3], "≥6公里", i[4]) if i[2] == "道路维护里程" else i for i in ROAD["indicators"]]}
    book = write_system_book(tmp_path / "目标表.xlsx", [ROAD, second])
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    capsys.readouterr()
    main(["check", str(out), "--targets", str(book), "--json"])
    assert [f for f in json.loads(capsys.readouterr().out) if f["rule"] in ("T1", "T2")] == []
    sheet = read_workbook(out).forms[1]
    wb = openpyxl.load_workbook(out)
    wb[sheet.sheet][sheet.cell("indicators[0].target")] = "≥12.5公里"  # the other unit's target
    wb.save(out)
    main(["check", str(out), "--targets", str(book), "--json"])
    t1 = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "T1"]
    assert [(f["sheet"], f["expected"]) for f in t1] == [(sheet.sheet, "≥6公里")]
    assert "目标表.xlsx“002”D10" in t1[0]["message"]


@pytest.mark.parametrize("written", ["县城区道路维护", "县城区 道路维护项目", "2024年县城区道路维护项目", "2024年度县城区道路维护"])
def test_a_project_name_written_slightly_differently_is_still_checked(tmp_path, capsys, written):
    """The 自评表 writes the approved “县城区道路维护项目” without “项目”, with a space or the year in
    front: it is the same project (as the 财政局's 项目清单 matches it), so a changed target is found."""
    book = write_system_book(tmp_path / "目标表.xlsx", [ROAD])
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    sheet = read_workbook(out).forms[0]
    wb = openpyxl.load_workbook(out)
    ws = wb[sheet.sheet]
    ws[sheet.cell("project")] = written
    ws[sheet.cell("indicators[2].target")] = "≥90%"
    wb.save(out)
    capsys.readouterr()
    main(["check", str(out), "--targets", str(book), "--json"])
    t = [(f["rule"], f["cell"]) for f in json.loads(capsys.readouterr().out) if f["rule"] in ("T1", "T2")]
    assert t == [("T1", sheet.cell("indicators[2].target"))]


def _road_checked(tmp_path, capsys, edits: dict[str, object]):
    """ROAD's 自评表 prefilled from its 目标表, the cells of ``edits`` (field -> value) typed over,
    checked with --targets: (the form as read, its findings)."""
    book = write_system_book(tmp_path / "目标表.xlsx", [ROAD])
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    sheet = read_workbook(out).forms[0]
    wb = openpyxl.load_workbook(out)
    for field, value in edits.items():
        wb[sheet.sheet][sheet.cell(field)] = value
    wb.save(out)
    capsys.readouterr()
    main(["check", str(out), "--targets", str(book), "--json"])
    return sheet, json.loads(capsys.readouterr().out)


def test_an_indicator_renamed_slightly_is_one_finding_naming_both_names(tmp_path, capsys):
    """“道路维护里程” approved, “道路养护里程” on the form (same 数量指标, same “≥12.5公里”); “群众满意度”
    written “群众满意率”: each one T1 finding on the form's name cell, with the approved name to write
    back — not an “approved indicator missing” and an “indicator not approved” for one indicator."""
    sheet, findings = _road_checked(tmp_path, capsys, {"indicators[0].name": "道路养护里程",
                                                       "indicators[7].name": "群众满意率"})
    t1 = [f for f in findings if f["rule"] == "T1"]
    assert [(f["cell"], f["field"], f["expected"], f["found"], f["severity"]) for f in t1] == [
        (sheet.cell("indicators[0].name"), "indicators[0].name", "道路维护里程", "道路养护里程", "error"),
        (sheet.cell("indicators[7].name"), "indicators[7].name", "群众满意度", "群众满意率", "error")]
    first = t1[0]["message"]
    assert "“道路养护里程”" in first and "“道路维护里程”" in first and "改了名称" in first
    assert "≥12.5公里" in first and "目标表.xlsx“001”C10" in first  # where the approved name is
    assert not any("在自评表中没有" in f["message"] or "不在批复的" in f["message"] for f in t1)


@pytest.mark.parametrize("edits", [
    {"indicators[0].name": "道路养护里程", "indicators[0].target": "≥10公里"},   # its target changed too
    {"indicators[0].name": "新建道路里程"},                                      # another indicator
    {"indicators[0].name": "道路养护里程", "indicators[0].level2": "质量指标"},   # under another 二级指标
])
def test_an_indicator_not_merely_renamed_is_still_missing_and_unapproved(tmp_path, capsys, edits):
    """A name alike but a target or 二级指标 changed too, or a name not alike: not one indicator renamed,
    so still the approved one missing and the form's one not approved (two T1 findings)."""
    sheet, findings = _road_checked(tmp_path, capsys, edits)
    t1 = [f for f in findings if f["rule"] == "T1"]
    assert sorted((f["expected"], f["found"]) for f in t1) == sorted(
        [("道路维护里程", None), ("批复的指标", edits["indicators[0].name"])])


def test_b3_holds_the_weights_to_the_approved_ones_under_targets(tmp_path, capsys):
    """ROAD approves 产出 60, 效益 20, 满意度 10 (执行率 10): the prefilled form keeps them, and B3 said
    “原则上为 50 / 30” all the same. Under --targets the approved 分值 are the reference: the form as
    approved has no B3; one moved to the national 50/30 gets B3 against 60/20, naming the 目标表."""
    sheet, findings = _road_checked(tmp_path, capsys, {})
    assert [f for f in findings if f["rule"] == "B3"] == []
    # 道路维护里程 20 → 10 and 群众出行便利程度 10 → 20: 产出 50, 效益 30, the profile's split, not the approved one
    sheet, findings = _road_checked(tmp_path, capsys, {"indicators[0].weight": 10, "indicators[5].weight": 20})
    b3 = [(f["cell"], f["expected"], f["found"], f["severity"]) for f in findings if f["rule"] == "B3"]
    assert b3 == [(sheet.cell("indicators[0].weight"), 60, 50, "warning"),
                  (sheet.cell("indicators[5].weight"), 20, 30, "warning")]
    message = next(f["message"] for f in findings if f["rule"] == "B3")
    assert "批复的 60" in message and "目标表.xlsx“001”" in message and "原则上" not in message
    # without --targets the same form is held to the profile's 50/30/10: nothing to say
    capsys.readouterr()
    main(["check", str(tmp_path / "自评表.xlsx"), "--json"])
    assert [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "B3"] == []
    # 产出 70, 效益 10: off both splits, said once, against the approved one, where the profile's B3 stood
    # (before the H4 warning of a 时效 target written “及时”, which also makes a T1 error)
    sheet, findings = _road_checked(tmp_path, capsys, {"indicators[0].weight": 30, "indicators[6].weight": 0,
                                                       "indicators[3].target": "及时"})
    rules = [f["rule"] for f in findings]
    assert rules.count("B3") == 2 and rules.index("B3") + 1 < rules.index("H4") < rules.index("T1")
    assert [(f["expected"], f["found"]) for f in findings if f["rule"] == "B3"] == [(60, 70), (20, 10)]


def test_b3_keeps_the_profile_split_where_the_target_book_approves_no_weights(tmp_path, capsys):
    """The 申报表 layout has no 分值 column: under --targets B3 still says what the profile says."""
    book = write_book(tmp_path / "目标表.xlsx", 1)
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    sheet = read_workbook(out).forms[0]
    weights = {"funds_weight": 10, **{f"indicators[{i}].weight": 5 for i in range(len(sheet.form.indicators))}}
    wb = openpyxl.load_workbook(out)
    for field, value in weights.items():
        wb[sheet.sheet][sheet.cell(field)] = value
    wb.save(out)
    capsys.readouterr()
    main(["check", str(out), "--json"])
    alone = [(f["cell"], f["expected"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["rule"] == "B3"]
    main(["check", str(out), "--targets", str(book), "--json"])
    under = [(f["cell"], f["expected"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["rule"] == "B3"]
    assert alone and under == alone and all("原则上" in m for _c, _e, m in under)


def test_the_approved_split_of_the_amount_is_prefilled_too(tmp_path, capsys):
    """The 目标表 gives 年度资金总额 1250000 元 and under it 其中：财政拨款 1250000, 其他资金 0: the
    prefilled 年初预算数 carries all three, so the untouched form has no A2 (分项之和) error the
    clerk did not make."""
    book = write_system_book(tmp_path / "目标表.xlsx", [ROAD, {**ROAD, "project": "二期", "funds": (300000, 200000, 100000)}])
    (t, t2), _ = read_targets(book)
    assert (t.amount, t.split) == (125, {"fiscal": 125, "other": 0})
    assert (t2.amount, t2.split) == (30, {"fiscal": 20, "other": 10}) and t2.cells["split.other"] == "C7"
    out = tmp_path / "自评表.xlsx"
    assert main(["import", "--targets", str(book), "-o", str(out)]) == 0
    funds = read_workbook(out).forms[1].form.funds
    assert (funds.total.initial, funds.fiscal.initial, funds.carryover.initial, funds.other.initial) == (30, 20, None, 10)
    capsys.readouterr()
    main(["check", str(out), "--targets", str(book), "--json"])
    assert [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "A2"] == []


def test_a_target_split_into_sign_value_and_unit_columns_is_read_whole(tmp_path):
    """The 预算管理一体化 system prints 指标性质 | 指标值 | 度量单位 in three columns: the approved
    target is “≥12.5公里”, not “12.5” (which the clerk could only “correct” into a T1 error)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["2024年度项目支出绩效目标表"], ["项目名称", "县城区道路维护项目"],
                ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"],
                ["产出指标", "数量指标", "道路维护里程", "≥", 12.5, "公里", 30],
                [None, "质量指标", "道路完好率", "＞＝", 95, "%", 30],
                [None, "时效指标", "维护完成时间", "定性", "12月底前", None, 30],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90%", "%", None]):
        ws.append(row)
    wb.save(tmp_path / "目标表.xlsx")
    (t,), problems = read_targets(tmp_path / "目标表.xlsx")
    assert problems == []
    assert [i.target for i in t.indicators] == ["≥12.5公里", "≥95%", "12月底前", "≥90%"]
    assert t.cells["indicators[0].target"] == "E4"


@pytest.mark.libreoffice
def test_a_target_book_a_system_exported_as_a_web_page_is_read(tmp_path, capsys):
    """The 预算管理一体化系统's “导出 Excel” gives a web page named .xls: ``import --targets`` said to
    re-save it; now it is read through LibreOffice (``reading.markup``) and named as given."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    book = write_book(tmp_path / "目标表.xlsx", 1)
    page = tmp_path / "系统导出.xls"
    page.write_bytes(convert(book, "html", tmp_path / "html").read_bytes())
    assert main(["import", "--targets", str(page), "-o", str(tmp_path / "自评表.xlsx"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["file"] for f in data["forms"]] == [str(page)] and data["forms"][0]["project"] == expected(1)[0]["project"]
    assert "jixiao-markup-" not in json.dumps(data, ensure_ascii=False)


def test_a_target_written_another_way_is_the_same_target():
    """“95%以上” approved, “≥95%” on the form — the same target — was a T1 error; so was the “=5 元/天” that
    rule C2 asks for where the approval wrote “5元/天”. A different amount or direction still differs."""
    assert same_target("95%以上", "≥95%") and same_target("5元/天", "=5 元/天") and same_target("100%", "=100%")
    assert same_target("≤50万元", "≤500000元") and same_target("12月底前", "≤12月")
    assert not same_target("≥95%", "≥90%") and not same_target("≥95%", "≤95%") and not same_target("≥95%", "≥0.95")
    assert not same_target("明显改善", "有所改善") and not same_target("5元/天", "5元/次")
