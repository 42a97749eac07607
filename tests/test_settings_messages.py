"""Files given beside the forms (rule settings, report settings, a published 汇总表 to compare) that
cannot be used get a Chinese message with their line and column, never the parser's English or an
internal error.

Before: “不是合法的 YAML（while parsing a flow node expected the node content…）”, “（Expecting value:
line 1 column 1 (char 0)）”, a published 汇总表 holding “abc” for a sum stopped ``summarize`` with
“内部错误（ValueError）”, and a missing sum read “表中为 None”.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jixiao.cli import main

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "corpus" / "01-merged-levels.xlsx"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _no_english(text: str, *files: Path) -> None:
    """Nothing English left once the program's name, the files' paths and the words JSON/YAML are out."""
    for f in files:
        text = text.replace(str(f), "")
    assert not re.search(r"[A-Za-z]{3,}", text.replace("jixiao", "").replace("JSON", "").replace("YAML", "")), text


@pytest.mark.parametrize("name, body, where", [
    ("规则.yaml", "garbage: [\n", "第 2 行第 1 列"),
    ("规则.json", '{"rules": {"C4": }', "第 1 行第 18 列：缺少值"),
])
def test_a_broken_rules_file_says_where_in_chinese(tmp_path, capsys, name, body, where):
    f = tmp_path / name
    f.write_text(body, encoding="utf-8")
    code, out, err = _run(capsys, "check", str(BOOK), "--rules", str(f))
    assert code == 2 and out == ""
    assert f"{f}：校验规则设置文件不是合法的" in err and where in err
    _no_english(err, f)


def test_a_broken_settings_file_says_where_in_chinese(tmp_path, capsys):
    f = tmp_path / "设置.yaml"
    f.write_text("单位: [县民政局\n联系人: 张三\n", encoding="utf-8")
    code, _out, err = _run(capsys, "report", str(BOOK), "-o", str(tmp_path / "报告"), "--settings", str(f), "--force")
    assert code == 2 and "设置文件不是合法的 YAML（第 " in err
    _no_english(err, f)


def test_a_published_summary_that_is_no_json_or_no_object(tmp_path, capsys):
    bad = tmp_path / "汇总.json"
    bad.write_text("汇总表", encoding="utf-8")
    code, _out, err = _run(capsys, "summarize", str(BOOK), "--compare", str(bad))
    assert code == 2 and "要比对的汇总表不是合法的 JSON（第 1 行第 1 列：缺少值）" in err
    _no_english(err, bad)
    bad.write_text("[1, 2]", encoding="utf-8")
    code, _out, err = _run(capsys, "summarize", str(BOOK), "--compare", str(bad))
    assert code == 2 and "要比对的汇总表应为 JSON 对象" in err


def test_a_published_summary_with_text_where_a_number_belongs_is_compared(tmp_path, capsys):
    pub = tmp_path / "汇总.json"
    pub.write_text(json.dumps({"projects_due": "二", "funds_due": "abc", "grades": {"优": "x"}}, ensure_ascii=False),
                   encoding="utf-8")
    code, out, err = _run(capsys, "summarize", str(BOOK), "--compare", str(pub))
    assert code == 1 and "内部错误" not in err
    assert "项目数量·应评价数应为 2 个，表中为 二" in out and "表中为 abc" in out
    assert "项目数量·已评价数应为 2 个，表中为空白" in out and "None" not in out
    assert "“优”等级项目数应为" in out and "表中为 x" in out
