"""The mistakes people make at a terminal (stop 59): what ``jixiao`` says to each, and the examples
every ``--help`` shows, run as a user copies them."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import openpyxl
import pytest

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import EXAMPLES, build_parser, main


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:   # argparse's usage errors
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def fill_book(tmp_path, capsys, name="自评表.xlsx"):
    from test_check_samples import correct

    for k, src in enumerate(SAMPLES[:2], 1):
        (tmp_path / f"项目{k}.json").write_text(
            json.dumps(correct(json.loads(src.read_text(encoding="utf-8"))), ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "项目1.json"), "-o", str(tmp_path / name)]) == 0
    capsys.readouterr()
    return tmp_path / name


# ----------------------------------------------------------------------------- usage errors

def test_a_misspelt_option_is_said_by_its_command_with_the_one_meant(capsys):
    # argparse said “无法识别的参数：--anotate out.xlsx” under the usage of jixiao itself
    code, _, err = run(capsys, "check", "a.xlsx", "--anotate", "out.xlsx")
    assert code == 2
    assert "用法：jixiao check" in err and "用法：jixiao [-h]" not in err
    assert "没有选项 --anotate（是否想用 --annotate？）" in err and "out.xlsx" not in err.splitlines()[-1]


def test_an_option_before_the_command_says_where_it_goes(capsys):
    code, _, err = run(capsys, "--json", "check", "a.xlsx")
    assert code == 2 and "选项 --json 应写在命令之后（jixiao check … --json）" in err


def test_a_second_file_where_one_is_read_is_said(capsys):
    code, _, err = run(capsys, "read", "a.xlsx", "b.xlsx")
    assert code == 2 and "多出的参数“b.xlsx”" in err and "jixiao read 只接受一个 BOOK.xlsx" in err


def test_files_after_an_option_are_files_too(tmp_path, capsys, monkeypatch):
    # “check a.xlsx --json b.json”: argparse took the files before the first option only (exit 2)
    book = fill_book(tmp_path, capsys)
    code, out, err = run(capsys, "check", str(book), "--json", str(tmp_path / "项目2.json"))
    assert code in (0, 1), err
    assert {f["file"] for f in json.loads(out)} <= {str(book), str(tmp_path / "项目2.json")}
    code, out, _ = run(capsys, "score", str(book), "--json", str(tmp_path / "项目2.json"))
    assert code == 0 and len(json.loads(out)) == 2
    shutil.copy(tmp_path / "项目2.json", tmp_path / "-2.json")   # a name like an option, after “--”
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "score", str(book), "--json", "--", "-2.json")
    assert code == 0 and len(json.loads(out)) == 2


@pytest.mark.parametrize("argv, said", [
    (["fil"], "命令“fil”无效（是否想用 fill？）；可选的有 fill、read"),
    (["addin", "instal"], "操作“instal”无效（是否想用 install？）；可选的有 install、uninstall、status"),
    (["addin"], "缺少必需的参数：操作"),
    (["summarize", "a.xlsx", "--by", "部门"], "--by“部门”无效（是否想用 主管部门？）；可选的有 主管部门、实施单位"),
    (["review"], "缺少必需的参数：INBOX、-o/--output"),
    (["check", "a.xlsx", "--pr"], "选项 --pr 不完整，可能是 --profile、--pretty，请写全"),
    (["rules", "--json", "--markdown"], "--markdown 不能与 --json 同时使用"),
])
def test_usage_errors_are_chinese_with_chinese_punctuation(capsys, argv, said):
    code, out, err = run(capsys, *argv)
    last = err.strip().splitlines()[-1]
    assert code == 2 and not out and said in last, last
    assert "'" not in last and "(" not in last and "choose" not in last and "ambiguous" not in last
    assert last.endswith(f"用 {'jixiao' if argv == ['fil'] else 'jixiao ' + argv[0]} --help 查看用法和示例")


@pytest.mark.parametrize("given", ["abc", "22", "二〇二二", "3000"])
def test_a_year_that_is_no_year_is_refused_in_chinese(capsys, given):
    # “invalid int value: 'abc'”, and “--year 22” ran, setting every 2022 form aside as “本批为 22 年度”
    code, _, err = run(capsys, "summarize", "a.xlsx", "--year", given)
    assert code == 2 and f"“{given}”不是年度，请写四位数的年份，如 --year 2022" in err and "invalid" not in err


@pytest.mark.parametrize("given", ["2022", "２０２２", "2022年", "2022年度"])
def test_a_year_as_forms_write_it_is_taken(given):
    assert build_parser().parse_args(["summarize", "a.xlsx", "--year", given]).year == 2022


def test_help_headings_take_the_full_width_colon_and_show_examples(capsys):
    for argv in (["--help"], *([c, "--help"] for c in EXAMPLES)):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert "参数:" not in out and "选项:" not in out and "命令:" not in out, argv
        assert "选项：" in out and "示例：\n  jixiao " in out, argv


# ----------------------------------------------------------------------------- the examples of --help

def _example_files(tmp_path, capsys):
    from target_books import write_book

    book = fill_book(tmp_path, capsys)
    shutil.copy(book, tmp_path / "外地自评表.xlsx")
    (tmp_path / "收件夹").mkdir()
    shutil.copy(book, tmp_path / "收件夹" / "自评表.xlsx")
    form = json.loads((tmp_path / "项目1.json").read_text(encoding="utf-8"))
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append([form["project"], form["unit"]])
    wb.save(tmp_path / "项目清单.xlsx")
    write_book(tmp_path / "目标表.xlsx", 2)
    (tmp_path / "校验规则.yaml").write_text("规则: {C2: 关闭}\n", encoding="utf-8")
    import docx

    d = docx.Document()
    d.add_paragraph(f"{form['project']}全年预算数 {form['funds']['total']['annual']} 万元。")
    d.save(tmp_path / "自评报告.docx")


def test_every_example_of_every_help_runs_as_written(tmp_path, monkeypatch, capsys):
    need_libreoffice()   # finalize's PDF
    _example_files(tmp_path, capsys)
    monkeypatch.chdir(tmp_path)
    for name, lines in EXAMPLES.items():
        if name == "templates":   # checks the repository's own templates: run from anywhere
            continue
        for line in lines:
            argv = shlex.split(line)[1:]
            code, _out, err = run(capsys, *argv)
            assert code in (0, 1) and "命令有误" not in err and "内部错误" not in err, (line, code, err)
            if name not in ("check", "review", "report", "addin", "demo"):   # the forms' own warnings aside
                assert code == 0, (line, err)
    assert (tmp_path / "自评表-校验标注.xlsx").is_file() and (tmp_path / "汇总表.xlsx").is_file()
    assert (tmp_path / "复核结果" / "复核台账.xlsx").is_file() and list((tmp_path / "报送").glob("*.pdf"))


# ----------------------------------------------------------------------------- the same file twice

def test_a_file_named_twice_is_read_once(tmp_path, capsys, monkeypatch):
    # each of its forms was checked, scored, imported and reported twice (check: every error twice)
    book = fill_book(tmp_path, capsys)
    monkeypatch.chdir(tmp_path)
    _, once, _ = run(capsys, "check", "自评表.xlsx", "--json")
    _, twice, _ = run(capsys, "check", "自评表.xlsx", "./自评表.xlsx", str(book), "--json")
    assert json.loads(twice) == json.loads(once)
    _, out, _ = run(capsys, "score", "自评表.xlsx", str(book), "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "import", "自评表.xlsx", str(book), "-o", "导入.xlsx", "--json")
    assert code == 0 and len(json.loads(out)["forms"]) == 1
    (tmp_path / "收件夹").mkdir()
    shutil.copy(book, tmp_path / "收件夹" / "a.xlsx")
    _, out, _ = run(capsys, "check", "收件夹/a.xlsx", "收件夹", "--json")   # the file, and the folder it is in
    assert len(json.loads(out)) == len(json.loads(once))


# ----------------------------------------------------------------------------- output folders

@pytest.mark.parametrize("argv", [
    ["review", "收件夹", "-o", "自评表.xlsx"],        # was an internal error (FileExistsError), exit 3
    ["templates", "--out", "自评表.xlsx"],            # the same
    ["report", "自评表.xlsx", "-o", "自评表.xlsx", "--force"],   # all the work, then “无法写入”
    ["finalize", "自评表.xlsx", "-o", "自评表.xlsx", "--force", "--no-pdf"],
    ["demo", "-o", "自评表.xlsx"],
])
def test_an_output_folder_that_is_a_file_is_refused_before_any_work(tmp_path, capsys, monkeypatch, argv):
    book = fill_book(tmp_path, capsys)
    (tmp_path / "收件夹").mkdir()
    shutil.copy(book, tmp_path / "收件夹" / "a.xlsx")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, out, err = run(capsys, *argv)
    assert code == 2 and not out, err
    assert err.strip() == "jixiao：自评表.xlsx：输出位置是文件而不是文件夹，请给出一个文件夹（不存在时会新建）"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_review_into_its_own_inbox_is_refused_as_that(tmp_path, capsys):
    # it said “收件夹中没有工作簿……”: the output folder is left out of the inbox read, and here it was the inbox
    book = fill_book(tmp_path, capsys)
    inbox = tmp_path / "收件夹"
    inbox.mkdir()
    shutil.copy(book, inbox / "a.xlsx")
    code, out, err = run(capsys, "review", str(inbox), "-o", str(inbox) + "/", "--json")
    assert code == 2 and not out
    assert "输出文件夹不能就是要读的文件夹" in err and "没有工作簿" not in err
    assert [p.name for p in inbox.iterdir()] == ["a.xlsx"]


def test_templates_check_of_a_folder_that_is_not_there(tmp_path, capsys):
    # “以下模板与代码生成的不一致……” listed every template: there was no folder to look in
    code, _, err = run(capsys, "templates", "--out", str(tmp_path / "无"), "--check")
    assert code == 2 and "文件夹不存在，没有可检查的模板" in err and "不一致" not in err


# ----------------------------------------------------------------------------- option files

@pytest.mark.parametrize("content, said", [
    (b'{"x": ', "评分标准文件不是合法的 JSON（第 1 行第 7 列：缺少值）"),     # “Expecting value: line 1 column 7 (char 6)”
    (b"PK\x03\x04\xa8\x00", "评分标准文件不是 UTF-8 编码的文本"),          # a workbook: “'utf-8' codec can't decode …”
    (b'{"x": {"kind": 5}}', "评分标准“x”有误：缺少 name；kind 不能取 5；缺少 measure"),   # “3 validation errors for Standard”
])
def test_a_bad_standards_file_is_said_in_chinese(tmp_path, capsys, content, said):
    book = fill_book(tmp_path, capsys)
    (tmp_path / "标准.json").write_bytes(content)
    code, _, err = run(capsys, "score", str(book), "--standards", str(tmp_path / "标准.json"))
    assert code == 2 and said in err and not re.search("codec|Expecting|validation|char", err), err


# ----------------------------------------------------------------------------- --json with nothing to read

@pytest.mark.parametrize("argv, empty", [
    (["score", "文件夹", "--json"], []),            # outputs.md: exit 2, “the JSON is []”; stdout was empty
    (["check", "文件夹", "--json"], []),
    (["import", "文件夹", "-o", "导入.xlsx", "--json"],
     {"output": None, "forms": [], "problems": [], "notes": 0,
      "skipped": [{"file": "文件夹/说明.txt", "reason": "不是工作簿（.xlsx/.xlsm/.xls/.et）或表单 JSON，未读取"}]}),
])
def test_json_of_a_folder_without_forms_is_still_json(tmp_path, capsys, monkeypatch, argv, empty):
    (tmp_path / "文件夹").mkdir()
    (tmp_path / "文件夹" / "说明.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2 and json.loads(out) == empty and "没有找到表单 JSON 或工作簿" in err
    assert not (tmp_path / "导入.xlsx").exists()


# ----------------------------------------------------------------------------- fill

def test_fill_given_a_workbook_points_to_import_and_check(tmp_path, capsys):
    # it said “不是 UTF-8 编码的文本（第 12 个字节起无法解码）”
    book = fill_book(tmp_path, capsys, name="我的 自评表.xlsx")
    code, _, err = run(capsys, "fill", str(book), "-o", str(tmp_path / "新.xlsx"))
    assert code == 2 and not (tmp_path / "新.xlsx").exists()
    assert (f"是工作簿，fill 读的是表单 JSON。其他版式的自评表工作簿请用 jixiao import \"{book}\" -o {tmp_path / '新.xlsx'}"
            in err) and "UTF-8" not in err


def test_fill_of_one_json_named_twice_writes_it_once(tmp_path, capsys):
    fill_book(tmp_path, capsys)
    form = tmp_path / "项目1.json"
    code, out, _ = run(capsys, "fill", str(form), str(form), "-o", str(tmp_path / "新.xlsx"))
    assert code == 0 and "（1 张项目支出绩效自评表）" in out
    assert len(openpyxl.load_workbook(tmp_path / "新.xlsx").sheetnames) == len(
        openpyxl.load_workbook(tmp_path / "自评表.xlsx").sheetnames)


@pytest.mark.parametrize("argv", [
    ["check", "自评表.xlsx", "--annotate", "./自评表.xlsx"],   # every finding printed, then refused at the end
    ["summarize", "自评表.xlsx", "-o", "自评表.xlsx"],
    ["calc", "自评表.xlsx", "-o", "./自评表.xlsx"],
])
def test_an_output_that_is_the_input_is_refused_before_the_work(tmp_path, capsys, monkeypatch, argv):
    book = fill_book(tmp_path, capsys)
    before = book.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2 and not out
    assert err.strip().endswith("输出文件不能与输入文件相同（输入文件不会被修改），请另给一个文件名")
    assert book.read_bytes() == before


# ----------------------------------------------------------------------------- Ctrl-C

def test_report_stopped_halfway_leaves_the_last_set_whole(tmp_path, capsys, monkeypatch):
    # Ctrl-C while the 校验报告 was written left this run's 报送函 and 自评报告 beside the last run's others
    # (“已中断，未写完的输出已删除”): a set from two runs that reads as one
    import importlib

    render = importlib.import_module("jixiao.reports.render")

    book = fill_book(tmp_path, capsys)
    out = tmp_path / "报告"
    out.mkdir()
    (out / "报送函.docx").write_bytes(b"last run")
    (out / "校验报告.docx").write_bytes(b"last run")

    def stopped(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "write_check_report", stopped)
    # (the stand-ins for the last set are no documents jixiao wrote: --overwrite, or they are kept untouched)
    code, _, err = run(capsys, "report", str(book), "-o", str(out), "--force", "--overwrite")
    assert code == 130 and "已中断，未写完的输出已删除" in err
    assert sorted(p.name for p in out.iterdir()) == ["报送函.docx", "校验报告.docx"]
    assert (out / "报送函.docx").read_bytes() == b"last run"
    monkeypatch.undo()
    code, out_text, err = run(capsys, "report", str(book), "-o", str(out), "--force", "--overwrite")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted(["报送函.docx", "校验报告.docx", "整体绩效自评工作报告.docx",
                                                            "项目支出绩效自评报告.docx"])
    assert f"已写入 {out / '报送函.docx'}" in out_text and (out / "报送函.docx").read_bytes() != b"last run"


def test_the_profile_help_names_what_can_be_given(capsys):
    # “评分规则，默认 财预〔2020〕10号”: no name to give was to be found in any --help
    from jixiao.core.profiles import get_profile

    _, out, _ = run(capsys, "score", "--help")
    flat = " ".join(out.split())
    assert "如 default+sixty" in flat and "jixiao rules" in flat
    assert get_profile("default+sixty").name == "财预〔2020〕10号+60%规则"


@pytest.mark.parametrize("given, said", [
    ("bogus", "未知的评分方案或选项“bogus”。基础方案"),            # was “bogus”（在“bogus”中）
    ("sixty+bogus", "未知的评分方案或选项“bogus”（在“sixty+bogus”中）。"),
])
def test_an_unknown_profile_is_named_once(capsys, given, said):
    code, _, err = run(capsys, "score", "x.json", "--profile", given)
    assert code == 2 and said in err


def test_an_xlsm_copy_of_an_xlsx_is_refused_before_the_check(tmp_path, capsys):
    # every finding was printed, then the name refused
    book = fill_book(tmp_path, capsys)
    code, out, err = run(capsys, "check", str(book), "--annotate", str(tmp_path / "标注.xlsm"))
    assert code == 2 and not out and "输出的工作簿文件名应以 .xlsx 结尾" in err


@pytest.mark.parametrize("unit", ["", "  "])
def test_review_without_a_signing_unit_is_refused(tmp_path, capsys, unit):
    # the 退回修改通知 were signed by nobody
    code, _, err = run(capsys, "review", str(tmp_path), "-o", str(tmp_path / "out"), "--unit", unit)
    assert code == 2 and "复核单位不能为空" in err and not (tmp_path / "out").exists()


def test_summarize_of_another_year_says_to_look_at_year(tmp_path, capsys):
    # it said “其中只有上面列出的不计入的文件……请给出各单位报送的自评表工作簿”: the forms were given, the year was not theirs
    book = fill_book(tmp_path, capsys)
    code, out, err = run(capsys, "summarize", str(book), "--year", "2021", "-o", str(tmp_path / "汇总.xlsx"))
    assert code == 2 and not out and not (tmp_path / "汇总.xlsx").exists()
    assert (f"{book}：没有 2021 年度的表（读到的是 2022 年度的表），未写出汇总表；请核对 --year，不写 --year 时按多数表的年度汇总"
            in err)


def test_review_of_another_year_than_the_inbox_warns_before_notices_go_out(tmp_path, capsys):
    # --year 2021 over 2022 forms: every department “退回修改”, 23 notices drafted, and not a word about --year
    book = fill_book(tmp_path, capsys)
    inbox = tmp_path / "收件夹"
    inbox.mkdir()
    shutil.copy(book, inbox / "a.xlsx")
    code, _, err = run(capsys, "review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2021")
    assert code == 1
    assert ("注意：收件夹中没有 2021 年度的表，读到的都是 2022 年度的表，各单位因此都列为退回修改；若是 --year 写错，"
            "请改正后重新复核，写出的通知和邮件草稿不要发出") in err
    code, _, err = run(capsys, "review", str(inbox), "-o", str(tmp_path / "out2"), "--year", "2022")
    assert "注意：收件夹中没有" not in err


@pytest.mark.parametrize("argv, head", [(["help"], "用法：jixiao [-h]"), (["help", "check"], "用法：jixiao check"),
                                        (["帮助", "review"], "用法：jixiao review")])
def test_help_as_a_word_shows_the_help(capsys, argv, head):
    # “jixiao help check” said 命令“help”无效
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.startswith(head)


def test_every_help_starts_its_option_texts_in_one_column(capsys):
    # “--report 报告.docx     同时核对……”: argparse pads by characters; a Chinese one takes two columns
    import re
    import unicodedata

    def width(text):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    for name in EXAMPLES:
        _, out, _ = run(capsys, name, "--help")
        body = out.split("选项：", 1)[-1].split("示例：", 1)[0]
        cols = {width(m[1]) for m in re.finditer(r"(?m)^(  \S.*?  +)\S", body)}
        cols |= {len(m[1]) for m in re.finditer(r"(?m)^( {8,})\S", body)}   # the help under a long option
        assert len(cols) == 1, (name, body)


def test_a_self_evaluation_book_given_as_targets_is_said_once(tmp_path, capsys):
    # one line per sheet (“工作表“…”是自评表，不是绩效目标表……”), none saying what to give
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import load_form

    book = write_forms([load_form(p) for p in SAMPLES[:3]], tmp_path / "自评表.xlsx")
    code, _, err = run(capsys, "check", str(book), "--targets", str(book))
    assert code == 2 and err.strip().splitlines() == [
        f"jixiao：{book}：其中 3 个工作表都是自评表，不是绩效目标表，未作为批复的目标读取；"
        "--targets 应给出批复的绩效目标表，要校验的自评表写在 --targets 之前"]


# ----------------------------------------------------------------------------- a path typed wrong

def test_a_missing_file_names_the_one_probably_meant(tmp_path, capsys, monkeypatch):
    # “文件不存在” alone: the half-width brackets typed for the full-width ones of the real name
    book = fill_book(tmp_path, capsys, name="自评表（2022）.xlsx")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "自评表(2022).xlsx", "--json")
    assert code == 2 and json.loads(out)[0]["message"] == \
        "自评表(2022).xlsx：文件不存在（同一文件夹中有“自评表（2022）.xlsx”，是否是它？）"
    code, _, err = run(capsys, "calc", "报送/自评表.xlsx", "-o", "副本.xlsx")
    assert code == 2 and "报送/自评表.xlsx：文件不存在（文件夹“报送”不存在）" in err
    code, _, err = run(capsys, "read", "完全不同.xlsx")
    assert code == 2 and err.strip() == "jixiao：完全不同.xlsx：文件不存在"
    assert book.exists()


def test_review_into_the_folder_holding_the_inbox_reads_the_inbox(tmp_path, capsys, monkeypatch):
    # “review 收件夹 -o .”: the output folder is left out of the read, and it held the inbox: “收件夹中没有工作簿”
    book = fill_book(tmp_path, capsys)
    (tmp_path / "收件夹").mkdir()
    shutil.copy(book, tmp_path / "收件夹" / "a.xlsx")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "review", "收件夹", "-o", ".", "--json")
    assert code in (0, 1), err
    assert json.loads(out)["totals"]["forms"] == 1 and (tmp_path / "复核台账.xlsx").is_file()


def test_finalize_of_a_folder_is_refused(tmp_path, capsys):
    # every workbook below it (a 校验标注 copy too) went into one 定稿: each project twice, 261 errors for 119
    book = fill_book(tmp_path, capsys)
    (tmp_path / "收件夹").mkdir()
    shutil.copy(book, tmp_path / "收件夹" / "a.xlsx")
    shutil.copy(book, tmp_path / "收件夹" / "b.xlsx")
    code, out, err = run(capsys, "finalize", str(tmp_path / "收件夹"), "-o", str(tmp_path / "out"), "--no-pdf", "--force")
    assert code == 2 and not out and "是文件夹，不是工作簿；定稿做的是填好的工作簿" in err
    assert not (tmp_path / "out").exists()
