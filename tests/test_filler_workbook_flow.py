"""What a 填报人 meets clicking 计算 校验 汇总 生成报告 定稿 on a workbook filled as departments fill it
(session 38, helper 6): copied form sheets left with Excel's names, mistakes typed in."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import addin.buttons as buttons
from conftest import SAMPLES, need_libreoffice
from jixiao import actions
from jixiao.actions import FileHost
from jixiao.cli import main


def _book_with_unrenamed_copies(tmp_path: Path) -> Path:
    """Two project forms on sheets named as Excel names a copied sheet the 填报人 never renamed."""
    filled = tmp_path / "filled.xlsx"
    assert main(["fill", str(SAMPLES[0]), str(SAMPLES[9]), "-o", str(filled)]) == 0
    wb = openpyxl.load_workbook(filled)
    wb.worksheets[0].title = "项目支出绩效自评表"
    wb.worksheets[1].title = "项目支出绩效自评表 (2)"
    book = tmp_path / "本单位.xlsx"
    wb.save(book)
    return book


def test_summarize_then_check_finds_no_new_error_on_its_own_detail_sheet(tmp_path, capsys):
    """The 项目明细 that 汇总 writes names each form's sheet in its 来源 column; a sheet left as
    “项目支出绩效自评表 (2)” read as a form title, so the 项目明细 itself was taken for a broken form:
    after 汇总, 校验 counted one more error (X1 on “项目明细”) than before, and 生成报告 and 定稿 said
    more errors than 校验 had just shown."""
    book = _book_with_unrenamed_copies(tmp_path)
    capsys.readouterr()
    before, _ = actions.check(FileHost(str(book)))
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    buttons.summarize(host)
    host.save()
    after, _ = actions.check(FileHost(str(tmp_path / "汇总后.xlsx")))
    assert [f for f in after.findings if f.sheet == "项目明细"] == []
    assert after.counts == before.counts
    # the command reads the same workbook the same way
    assert main(["check", str(tmp_path / "汇总后.xlsx"), "--json"]) == main(["check", str(book), "--json"])
    assert "项目明细" not in capsys.readouterr().out


def test_reports_give_a_computed_total_as_the_form_shows_it(tmp_path, capsys):
    """11.98 of 13.6 万元 executed: the form's 总分 formula gives 98.80882…, which the sheet shows as
    98.81 (format 0.00); the reports wrote “自评总分98.8088分” and the table cell “98.8088”, a figure no
    one reading the form sees, and in a 公文 a score is given to 0.01."""
    import json

    from docx import Document

    form = json.loads(SAMPLES[8].read_text(encoding="utf-8"))   # 更新购置医保监督执法用车
    assert form["funds"]["total"]["executed"] == 11.98 and form["funds"]["total"]["annual"] == 13.6
    form["funds"]["fiscal"] = dict(form["funds"]["total"])
    form["exec_rate"] = form["exec_score"] = form["total_score"] = None   # left to the form's formulas
    book = tmp_path / "执法用车.xlsx"
    (tmp_path / "f.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "f.json"), "-o", str(book)]) == 0
    main(["report", str(book), "-o", str(tmp_path / "docs"), "--force"])
    capsys.readouterr()
    for name in ("项目支出绩效自评报告", "整体绩效自评工作报告"):
        doc = Document(str(tmp_path / "docs" / f"{name}.docx"))
        text = "\n".join(p.text for p in doc.paragraphs)
        text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
        assert "98.8088" not in text and "98.808" not in text, name
        # the 整体报告 gives each project's score in its table only: its part 三 sums a project up in a
        # line since s42, no longer repeating the 项目报告's “……自评总分98.81分”
        assert ("自评总分98.81分" if name == "项目支出绩效自评报告" else "\n98.81\n") in text, name


@pytest.mark.libreoffice
@pytest.mark.parametrize("mode", ["linked", "new"])
def test_a_small_departments_rate_chart_prints_every_project_name(tmp_path, sample_json, capsys, mode):
    """A department of four projects (most are that small): the 各项目预算执行率 chart was 9 rows tall,
    its axis labels took the room of the bars and LibreOffice printed only every other project's name,
    so two bars had no name. A chart of a few projects is now as tall as the 等级分布 chart."""
    need_libreoffice()
    import json
    import re

    picks = [sample_json[i] for i in (0, 8, 9, 13)]   # 退役军人…, 执法用车, 基金监管, 医疗救助: 88%–100%
    paths = []
    for i, data in enumerate(picks):
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    text = _summary_text(paths, mode, tmp_path, capsys)
    page = next(re.sub(r"\s", "", p) for p in text.split("\f") if re.sub(r"\s", "", p).startswith("绩效自评图表"))
    from jixiao.summary.book import chart_label

    labels = [chart_label(i + 1, d["project"]) for i, d in enumerate(picks)]   # a long name cut in the middle
    missing = [t for t in labels if re.sub(r"\s", "", t) not in page]
    assert not missing, f"图表页上没有：{missing}"


@pytest.mark.libreoffice
@pytest.mark.parametrize("mode", ["linked", "new"])
def test_chart_axes_start_at_zero_and_count_whole_projects(tmp_path, sample_json, capsys, mode):
    """Rates of 88%–100% were drawn from an axis starting at 80% (a bar of 88% a third as long as one of
    100%), and the 等级分布 chart of four projects counted them 0, 0.5, 1, 1.5 …: the rate axis now starts
    at 0%, the count axis goes by whole projects."""
    need_libreoffice()
    import json
    import re

    paths = []
    for i in (0, 8, 9, 13):   # names kept short: a long one turns the axis labels on their side (no text to read)
        p = tmp_path / f"{i}.json"
        data = sample_json[i]
        p.write_text(json.dumps(dict(data, project=f"{i + 1:02d}号{data['project'][:8]}"), ensure_ascii=False),
                     encoding="utf-8")
        paths.append(p)
    text = _summary_text(paths, mode, tmp_path, capsys)
    page = next(p for p in text.split("\f") if re.sub(r"\s", "", p).startswith("绩效自评图表"))
    labels = page.split()
    assert re.search(r"^0(\.00)?%$", "\n".join(labels), re.M), labels
    assert not [x for x in labels if re.fullmatch(r"\d+\.5", x)], labels


def test_the_mail_dates_itself_as_the_letter_does():
    """The 设置's 成文日期 typed “2023.3.1” (as the forms' 填报日期 are): the 报送函 prints 2023年3月1日,
    the 定稿 mail signed “2023.3.1” under the same 落款."""
    from jixiao.core.settings import Settings
    from jixiao.finalize import email_text
    from jixiao.reports.text import date_text

    for typed, shown in (("2023.3.1", "2023年3月1日"), ("2023-03-06", "2023年3月6日"), ("2023年3月1日", "2023年3月1日")):
        s = Settings(unit="大厂回族自治县医疗保障局", date=typed, contact="王某", phone="0316-8812345")
        _subject, body = email_text(s, "大厂回族自治县医疗保障局", 2022, 4, [])
        assert date_text(typed) == shown
        assert f"大厂回族自治县医疗保障局\n{shown}\n" in body, body
        assert typed == shown or typed not in body
    _subject, body = email_text(Settings(), "大厂回族自治县医疗保障局", 2022, 4, [])
    assert "【待填写】" not in body   # no date given: none printed (the mail is not a 公文)


def test_the_overall_report_names_the_group_the_department_form_lists(tmp_path, capsys):
    """The 部门整体支出绩效自评表 in the workbook lists its 评价小组 (刘某 书记, 张某 副局长 …); the 整体绩效自评
    工作报告 still said “成立了预算绩效自评工作小组（组成人员：【待填写】）” — the 填报人 typed the group once
    on the form and was asked for it again in Word. It now names the members as the form lists them."""
    import json

    from docx import Document

    from dept_helpers import zizhou_json

    dept = zizhou_json()
    dept.update(department="大厂回族自治县医疗保障局", year=2022)
    people = [("刘某", "书记"), ("张某", "副局长"), ("王某", "财务员"), (None, "业务员")]
    dept["team"] = [{"name": n, "title": t, "unit": "县医疗保障局", "signature": None} for n, t in people]
    (tmp_path / "dept.json").write_text(json.dumps(dept, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "本单位.xlsx"
    assert main(["fill", str(SAMPLES[1]), str(tmp_path / "dept.json"), "-o", str(book)]) == 0
    main(["report", str(book), "-o", str(tmp_path / "docs"), "--force"])
    capsys.readouterr()
    text = "\n".join(p.text for p in Document(str(tmp_path / "docs" / "整体绩效自评工作报告.docx")).paragraphs)
    assert "组成人员：刘某（书记）、张某（副局长）、王某（财务员）" in text, text[:400]
    assert "组成人员：【待填写】" not in text
    # and the button does not send the 填报人 to Word for the group it has just named
    said = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "button"), draft=True)
    assert "请在 Word 中补写" in said and "工作小组组成人员" not in said, said

    # a department form whose group has no names (the published 子洲 form): still asked for
    dept["team"] = [{"name": None, "title": t, "unit": None, "signature": None} for _n, t in people]
    (tmp_path / "dept.json").write_text(json.dumps(dept, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(SAMPLES[1]), str(tmp_path / "dept.json"), "-o", str(book)]) == 0
    main(["report", str(book), "-o", str(tmp_path / "docs2"), "--force"])
    capsys.readouterr()
    text = "\n".join(p.text for p in Document(str(tmp_path / "docs2" / "整体绩效自评工作报告.docx")).paragraphs)
    assert "组成人员：【待填写】" in text


def test_an_indicator_without_its_actual_value_is_said_once():
    """群众满意度's 实际完成值 left blank: the report read “满意度方面：群众满意度（指标值≥90%，完成值未填写，
    无法判断是否达到指标值），无法判断是否达到指标值。” — the same words twice in one sentence."""
    import json

    from jixiao.checking.run import check_batch
    from jixiao.forms.project.model import parse_form
    from jixiao.reports.facts import collect
    from jixiao.reports.prose import group_lines
    from jixiao.sources import Batch, Loaded

    data = json.loads(SAMPLES[8].read_text(encoding="utf-8"))
    sat = next(i for i, ind in enumerate(data["indicators"]) if ind["level2"].startswith("服务对象满意度"))
    data["indicators"][sat]["actual"] = None
    data["indicators"].insert(sat + 1, dict(data["indicators"][sat], name="使用人员满意度", actual="100%"))
    for case in ("with another", "alone"):
        if case == "alone":
            del data["indicators"][sat + 1]
        form = parse_form(data, "t.json")
        batch = Batch([Loaded(form, "t.json")], [], 1)
        project = collect(batch, check=check_batch(batch)).projects[0]
        lines = group_lines(project)
        line = next(x for x in lines if x.startswith("满意度方面"))
        assert line.count("未填写") == 1 and "无法判断" not in line, line
        assert "完成值未填写" in line, line
        # which cannot be judged: said once, for the project, after its groups (s42)
        assert "群众满意度的完成值未填写，是否达到指标值需补充实际完成数后确定" in lines[-1], lines


def test_a_draft_marks_the_grade_count_an_error_touches(tmp_path, capsys):
    """In a draft forced past errors every figure an error touches carries 【待核实】: the table of the 整体
    报告 marked 基金监管's “优” (its 分值 add up to 110, its 总分 typed 100), but the 报送函 and both reports
    stated “自评结果为“优”2个。” plainly, the first line a reader takes as settled."""
    from docx import Document

    book = tmp_path / "本单位.xlsx"
    assert main(["fill", str(SAMPLES[4]), str(SAMPLES[9]), "-o", str(book)]) == 0
    main(["report", str(book), "-o", str(tmp_path / "docs"), "--force"])
    capsys.readouterr()
    for name in ("项目支出绩效自评报告", "整体绩效自评工作报告"):
        text = "\n".join(p.text for p in Document(str(tmp_path / "docs" / f"{name}.docx")).paragraphs)
        said = [s for s in text.split("。") if "自评结果为" in s]
        assert said and all(s.endswith("【待核实】") for s in said), (name, said)
    # the 报送函 leaves the figures to its 附件 (s63): none there to take as settled
    letter = "\n".join(p.text for p in Document(str(tmp_path / "docs" / "报送函.docx")).paragraphs)
    assert "自评结果" not in letter and "“优”" not in letter


def test_the_check_report_lists_the_department_forms_errors_it_counts(tmp_path):
    """生成报告 said “自评表仍有 N 处错误” counting the 部门整体支出绩效自评表's error (a 扣分 without
    扣分原因), but the 校验报告 the 填报人 opens to find them listed the project forms only: one error
    fewer, and not where it is."""
    import json
    import re

    from docx import Document

    from dept_helpers import zizhou_json

    dept = zizhou_json()
    dept.update(department="大厂回族自治县医疗保障局", year=2022)
    (tmp_path / "dept.json").write_text(json.dumps(dept, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "本单位.xlsx"
    assert main(["fill", str(SAMPLES[0]), str(tmp_path / "dept.json"), "-o", str(book)]) == 0
    said = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "docs"), draft=True)
    n = int(re.search(r"仍有 (\d+) 处错误", said)[1])
    text = "\n".join(p.text for p in Document(str(tmp_path / "docs" / "校验报告.docx")).paragraphs)
    assert f"发现错误{n}处" in text, (n, text[:300])
    assert "部门整体支出绩效自评表" in text and "扣分原因" in text, text


def test_the_check_report_gives_the_forms_total_as_the_form_shows_it(tmp_path, capsys):
    """The 校验报告's 复核得分 read “自评表总分98.8088，…复核为98.81分”: the form shows 98.81 (format 0.00)."""
    import json

    from docx import Document

    form = json.loads(SAMPLES[8].read_text(encoding="utf-8"))
    form["funds"]["fiscal"] = dict(form["funds"]["total"])
    form["exec_rate"] = form["exec_score"] = form["total_score"] = None
    (tmp_path / "f.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "执法用车.xlsx"
    assert main(["fill", str(tmp_path / "f.json"), "-o", str(book)]) == 0
    main(["report", str(book), "-o", str(tmp_path / "docs"), "--force"])
    capsys.readouterr()
    text = "\n".join(p.text for p in Document(str(tmp_path / "docs" / "校验报告.docx")).paragraphs)
    assert "自评表总分98.81分，" in text and "98.8088" not in text, text


def _summary_text(paths, mode: str, tmp_path, capsys) -> str:
    """The text LibreOffice prints of the 汇总 of the forms at ``paths``: from their JSON (``mode`` new)
    or from a workbook of them (linked), form feeds between the pages."""
    import subprocess

    from jixiao.excel.office import convert
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import load_form

    src = ([str(write_forms([load_form(p) for p in paths], tmp_path / "本单位.xlsx"))] if mode == "linked"
           else [str(p) for p in paths])
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", *src, "-o", str(out)]) == 0
    capsys.readouterr()
    pdf = convert(out, "pdf", tmp_path / "pdf")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
