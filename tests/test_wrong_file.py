"""A command given one of jixiao's own files of the wrong kind (the 汇总表 ``summarize -o`` wrote, a
校验标注 copy, a 复核台账 …): it says what the file is and what to give instead, exits non-zero, and
writes nothing that looks like a result. A folder of returned files still skips them quietly."""

from __future__ import annotations

import pytest

from jixiao.cli import main
from jixiao.excel.workbook import write_forms


@pytest.fixture(scope="module")
def book(tmp_path_factory, sample_forms):
    root = tmp_path_factory.mktemp("错文件")
    return write_forms(sample_forms[:2], root / "自评表.xlsx")


@pytest.fixture(scope="module")
def summary_book(book):
    out = book.parent / "汇总表.xlsx"
    assert main(["summarize", str(book), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def annotated(book):
    out = book.parent / "自评表-校验标注.xlsx"
    main(["check", str(book), "--annotate", str(out)])
    return out


@pytest.mark.parametrize("which, kind, instead", [
    ("summary_book", "绩效自评情况汇总表", "请给出所汇总的自评表工作簿"),
    ("annotated", "校验标注副本", "请给出被校验的原工作簿"),
])
def test_summarize_of_our_own_output_alone_is_refused(request, tmp_path, capsys, which, kind, instead):
    src = request.getfixturevalue(which)
    capsys.readouterr()
    out = tmp_path / "新汇总表.xlsx"
    code = main(["summarize", str(src), "-o", str(out), "--json"])
    got = capsys.readouterr()
    assert code == 2
    assert not out.exists()            # no all-zero 汇总表
    assert got.out == ""               # nor an all-zero summary as JSON
    assert str(src) in got.err and f"本工具写出的{kind}" in got.err and instead in got.err
    assert "Traceback" not in got.err


def test_summarize_of_a_folder_still_skips_our_outputs(book, summary_book, tmp_path, capsys):
    import shutil

    inbox = tmp_path / "收件"
    inbox.mkdir()
    shutil.copy(book, inbox / book.name)
    shutil.copy(summary_book, inbox / summary_book.name)
    capsys.readouterr()
    assert main(["summarize", str(inbox), "--json"]) == 0
    got = capsys.readouterr()
    import json

    assert json.loads(got.out)["projects_due"] == 2   # the forms once, the 汇总表's copies not again
    assert "不计入" in got.err


def test_summarize_of_our_output_beside_forms_skips_it(book, summary_book, capsys):
    """``summarize *.xlsx`` in a folder that holds an earlier 汇总表: the forms, the 汇总表 left out."""
    capsys.readouterr()
    assert main(["summarize", str(book), str(summary_book), "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["projects_due"] == 2


def test_calc_on_a_targets_workbook_names_its_sheets_once(tmp_path):
    """计算 on a 绩效目标表: it said “这是绩效目标申报表，不是自评表（…）。” once per sheet, naming
    neither the file nor the sheets, nor what to do with it."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from target_books import write_book

    book = write_book(tmp_path / "目标表.xlsx", 3)
    said = buttons.calc(FileHost(str(book), str(tmp_path / "副本.xlsx")))
    assert said.count("这是绩效目标申报表，不是自评表") == 1
    assert str(book) not in said and "工作表“001”“002”“003”" in said   # the workbook clicked in: no path
    assert "请在自评表模板中照它填写" in said      # what to do with it instead, in Excel (``test_button_words``)


@pytest.mark.parametrize("make", ["empty", "targets"])
def test_finalize_button_on_a_workbook_of_no_form_refuses_before_asking(tmp_path, make):
    """定稿 on a workbook with no 自评表 asked “仍有 1 个错误。确定按现状定稿吗？” (the error being that
    there is no form) before it refused: confirming could never bring a form into the copy."""
    import openpyxl

    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from target_books import write_book

    book = tmp_path / "书.xlsx"
    if make == "empty":
        openpyxl.Workbook().save(book)
    else:
        write_book(book, 2)
    asked: list[str] = []

    class Host(FileHost):
        def alert(self, text, title="", kind="ok"):
            asked.append(text)
            return "yes"

    said = buttons.finalize(Host(str(book)), outdir=str(tmp_path / "定稿"))
    assert said.startswith("定稿未完成：") and str(book) not in said and "无法定稿" not in said
    assert asked == [said]      # no question before it, only the message
    assert not (tmp_path / "定稿").exists()


@pytest.mark.parametrize("make", ["empty", "targets"])
def test_check_button_on_a_workbook_of_no_form_says_so(tmp_path, make):
    """校验 on a workbook with no 自评表 said “校验完成：错误 1 个……问题已在单元格上标出”: nothing
    told the 填报人 that the workbook holds no form, or what it holds instead."""
    import openpyxl

    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from target_books import write_book

    book = tmp_path / "书.xlsx"
    if make == "empty":
        openpyxl.Workbook().save(book)
    else:
        write_book(book, 2)
    said = buttons.check(FileHost(str(book), str(tmp_path / "副本.xlsx")))
    assert "已在单元格上标出" not in said and "“校验结果”工作表" in said and str(book) not in said
    if make == "targets":
        assert said.count("这是绩效目标申报表，不是自评表") == 1 and "工作表“001”“002”" in said
        assert "没有读到自评表" in said
    else:   # said once (it was “没有读到自评表。<path>：这个工作簿里没有自评表。”)
        assert "这个工作簿里没有自评表" in said and "没有读到自评表" not in said


@pytest.fixture(scope="module")
def reviewed(book):
    """What ``review`` wrote for an inbox of one workbook: 复核台账, 退回修改清单, its 汇总表."""
    import shutil

    inbox = book.parent / "收件夹"
    (inbox / "民政局").mkdir(parents=True)
    shutil.copy(book, inbox / "民政局" / book.name)
    out = book.parent / "复核"
    main(["review", str(inbox), "-o", str(out)])
    return {"ledger": out / "复核台账.xlsx", "notice": next(out.rglob("退回修改清单.xlsx")),
            "summary": next(out.glob("*汇总表.xlsx"))}


@pytest.mark.parametrize("which, kind", [("ledger", "复核台账"), ("notice", "退回修改清单"),
                                         ("summary", "绩效自评情况汇总表")])
def test_our_output_without_forms_is_named_for_what_it_is(reviewed, tmp_path, capsys, which, kind):
    """``check``/``read`` of a 复核台账 said “没有找到项目支出绩效自评表或……（没有工作表带有这些表的
    标签……）” — of the 退回修改清单, that its sheet lacks the labels 项目名称 …; the 汇总 button “这个
    工作簿里没有自评表”: true, but not what the file is, nor what to give instead."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    src = reviewed[which]
    capsys.readouterr()
    assert main(["read", str(src)]) == 2
    err = capsys.readouterr().err
    assert f"{src}：这是本工具写出的{kind}" in err and "其中没有自评表" in err
    assert "请给出各单位报送的自评表工作簿" in err or "请给出所汇总的自评表工作簿" in err
    assert "缺少标签" not in err and "没有工作表带有" not in err
    said = buttons.summarize(FileHost(str(src), str(tmp_path / "副本.xlsx")))
    assert f"这是本工具写出的{kind}" in said and "其中没有自评表" in said


@pytest.mark.parametrize("given", ["file", "folder", "missing"])
def test_report_templates_that_are_none_are_refused(book, tmp_path, capsys, given):
    """``report --templates`` given the edited 报送函.docx itself, a folder holding none of the three
    templates, or no folder at all: the built-in templates were used without a word, exit 0 — the
    department's wording silently not in the documents it sends."""
    import shutil

    from jixiao.reports.templates import TEMPLATE_DIR

    folder = tmp_path / "我的模板"
    folder.mkdir()
    edited = folder / ("报送函（改）.docx" if given == "folder" else "报送函.docx")
    shutil.copy(TEMPLATE_DIR / "报送函.docx", edited)
    templates = {"file": edited, "folder": folder, "missing": tmp_path / "没有这个文件夹"}[given]
    out = tmp_path / "报告"
    capsys.readouterr()
    code = main(["report", str(book), "-o", str(out), "--templates", str(templates), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert str(templates) in err and "报送函.docx、项目支出绩效自评报告.docx、整体绩效自评工作报告.docx" in err
    assert "Traceback" not in err
    if given == "folder":
        assert "报送函（改）.docx" in err     # the file it holds, whose name does not match


def test_report_templates_folder_with_one_template_is_taken(book, tmp_path, capsys):
    """A folder holding one edited template: that one is used, the other two are the built-in ones."""
    import shutil

    from jixiao.reports.templates import TEMPLATE_DIR

    folder = tmp_path / "我的模板"
    folder.mkdir()
    shutil.copy(TEMPLATE_DIR / "报送函.docx", folder / "报送函.docx")
    assert main(["report", str(book), "-o", str(tmp_path / "报告"), "--templates", str(folder), "--force"]) == 0
    assert (tmp_path / "报告" / "报送函.docx").exists()


@pytest.mark.parametrize("argv", [["finalize", "{book}", "--no-pdf", "--force", "-o", "{out}", "--settings", "{given}"],
                                  ["report", "{book}", "--force", "-o", "{out}", "--settings", "{given}"],
                                  ["check", "{book}", "--rules", "{given}"]])
@pytest.mark.parametrize("given", ["workbook", "docx"])
def test_settings_option_given_a_workbook_or_document_says_what_it_wants(book, tmp_path, capsys, argv, given):
    """``--settings 自评表.xlsx`` (its 设置 sheet meant): “设置文件不是 UTF-8 编码的文本（第 13 个字节起
    无法解码）” — true of every workbook, and no word of what a 设置文件 is or that the sheet is read anyway."""
    import shutil

    from jixiao.reports.templates import TEMPLATE_DIR

    src = book if given == "workbook" else shutil.copy(TEMPLATE_DIR / "报送函.docx", tmp_path / "设置.docx")
    out = tmp_path / "出"
    capsys.readouterr()
    code = main([a.format(book=book, out=out, given=src) for a in argv])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert str(src) in err and "YAML" in err and "JSON" in err and "UTF-8" not in err
    if given == "workbook":
        assert "“设置”工作表" in err


@pytest.mark.parametrize("name", ["汇总表.docx", "汇总表.pdf"])
def test_compare_given_a_document_says_what_it_takes(book, tmp_path, capsys, name):
    """``summarize --compare 汇总表.docx``: “要比对的汇总表不是 UTF-8 编码的文本（第 13 个字节起无法解码）”."""
    from jixiao.reports.templates import TEMPLATE_DIR

    doc = tmp_path / name
    doc.write_bytes((TEMPLATE_DIR / "报送函.docx").read_bytes())
    out = tmp_path / "汇总.xlsx"
    capsys.readouterr()
    assert main(["summarize", str(book), "--compare", str(doc), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(doc) in err and "JSON" in err and "工作簿" in err and "UTF-8" not in err
    assert not out.exists()


def test_finalize_of_the_final_copy_says_what_to_give_instead(book, tmp_path, capsys):
    """定稿 of the 定稿 copy itself (where the new copy would replace it): refused, and now with what to
    do — it said only “定稿文件不能覆盖原工作簿”."""
    import shutil

    first = tmp_path / "第一次"
    assert main(["finalize", str(book), "--force", "--no-pdf", "-o", str(first)]) == 0
    final = next(first.glob("*.xlsx"))
    before = final.read_bytes()
    capsys.readouterr()
    assert main(["finalize", str(final), "--force", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert str(final) in err and "定稿文件" in err and "请对填报用的原工作簿定稿" in err and "-o" in err
    assert final.read_bytes() == before and sorted(p.name for p in first.iterdir()) == [final.name]
    shutil.rmtree(first)


@pytest.mark.parametrize("which", ["ledger", "notice", "summary"])
def test_a_folder_sets_our_output_aside_without_saying_it_holds_forms(reviewed, which):
    """A 复核台账, 退回修改清单 or the review's 汇总表 in a folder is left out “本工具生成的复核台账，内含各表的
    副本，不计入” — it holds no form at all."""
    from jixiao.dedupe import screen_files

    kept, aside = screen_files([reviewed[which]])
    assert kept == [] and len(aside) == 1 and aside[0].kind == "own_output"
    assert "内含各表的副本" not in aside[0].reason and "不计入" in aside[0].reason


def test_review_of_a_file_says_to_give_the_folder(book, tmp_path, capsys):
    """``review 自评表.xlsx``: “收件夹不存在或不是文件夹” for a file that is there — which of the two,
    and what to give instead?"""
    capsys.readouterr()
    assert main(["review", str(book), "-o", str(tmp_path / "复核")]) == 2
    err = capsys.readouterr().err
    assert f"{book}：是文件，不是文件夹" in err and "收件夹" in err and "jixiao check" in err
    assert not (tmp_path / "复核").exists()
    assert main(["review", str(tmp_path / "没有"), "-o", str(tmp_path / "复核")]) == 2
    assert "收件夹不存在" in capsys.readouterr().err


def test_report_and_score_of_a_folder_leave_our_outputs_out(book, summary_book, annotated, tmp_path, capsys):
    """A department's folder holding its workbook, the 汇总表 ``summarize -o`` wrote and a 校验标注 copy:
    ``report`` counted every project three times (“纳入绩效自评的项目共6个”, the funds tripled) in the
    documents it sends, ``score`` listed each thrice; ``summarize`` and ``check`` leave them out."""
    import json
    import shutil

    import docx

    folder = tmp_path / "自评"
    folder.mkdir()
    for p in (book, summary_book, annotated):
        shutil.copy(p, folder / p.name)
    capsys.readouterr()
    assert main(["score", str(folder), "--json"]) == 0
    got = capsys.readouterr()
    assert len(json.loads(got.out)) == 2 and "不计入" in got.err
    assert main(["report", str(folder), "-o", str(tmp_path / "报告"), "--force"]) == 0
    text = "\n".join(p.text for p in docx.Document(tmp_path / "报告" / "项目支出绩效自评报告.docx").paragraphs)
    assert "纳入绩效自评的项目共2个" in text


def test_import_of_a_folder_leaves_our_outputs_out(book, summary_book, annotated, tmp_path, capsys):
    """``import`` of a folder holding the workbook, its 汇总表 and a 校验标注 copy wrote each project three
    times into the new workbook."""
    import json
    import shutil

    import openpyxl

    folder = tmp_path / "各地"
    folder.mkdir()
    for p in (book, summary_book, annotated):
        shutil.copy(p, folder / p.name)
    out = tmp_path / "导入.xlsx"
    capsys.readouterr()
    assert main(["import", str(folder), "-o", str(out), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert len(got["forms"]) == 2 and len(openpyxl.load_workbook(out, read_only=True).sheetnames) == 2
    assert {s["file"] for s in got["skipped"]} == {str(folder / summary_book.name), str(folder / annotated.name)}
    only = tmp_path / "只有汇总表"
    only.mkdir()
    shutil.copy(summary_book, only / summary_book.name)
    assert main(["import", str(only), "-o", str(tmp_path / "空.xlsx")]) == 2
    assert not (tmp_path / "空.xlsx").exists() and "不计入" in capsys.readouterr().out


@pytest.mark.parametrize("json_out", [False, True])
def test_score_of_nothing_left_to_score_is_not_a_success(summary_book, tmp_path, capsys, json_out):
    """``score`` of a folder holding only our 汇总表 (set aside): “没有读到自评表” and exit 0 — with
    --json not even that, an empty list and exit 0."""
    import shutil

    only = tmp_path / "只有汇总表"
    only.mkdir()
    shutil.copy(summary_book, only / summary_book.name)
    capsys.readouterr()
    assert main(["score", str(only), *(["--json"] if json_out else [])]) == 2
    err = capsys.readouterr().err
    assert f"{only}：没有读到自评表" in err and "不计入" in err


def test_summarize_of_a_folder_of_our_outputs_only_writes_no_all_zero_summary(summary_book, annotated, tmp_path,
                                                                                capsys):
    """A folder holding only our own outputs: each is said as left out, as before, and then that nothing
    was left to sum — exit 2 and no 汇总表 of zeros (an empty folder was already refused)."""
    import shutil

    inbox = tmp_path / "只有输出"
    inbox.mkdir()
    for f in (summary_book, annotated):
        shutil.copy(f, inbox / f.name)
    out = tmp_path / "汇总.xlsx"
    capsys.readouterr()
    code = main(["summarize", str(inbox), "-o", str(out), "--json"])
    got = capsys.readouterr()
    assert code == 2 and not out.exists() and got.out == ""
    assert got.err.count("未计入") == 2 and "没有可汇总的自评表，未写出汇总表" in got.err
