"""A form JSON that is no object at all (session 59).

Before: a file holding a bare string — what ``jixiao read --json`` gives as a form's "form" field, picked
out by mistake — or a number, true/false or null matched no kind of form, and ``fill`` ended in
“内部错误（StopIteration）”, exit 3. Now it is a located Chinese error, exit 2, as an array was.
"""

from __future__ import annotations

import pytest

from jixiao.cli import main


@pytest.mark.parametrize(("text", "said"), [('"部门整体支出绩效自评表"', "文字"), ("12", "数字"), ("null", "空值（null）"),
                                            ("true", "true/false"), ("[]", "数组")])
def test_a_json_that_is_no_object_is_refused_by_name(tmp_path, capsys, text, said):
    bad = tmp_path / "表.json"
    bad.write_text(text, encoding="utf-8")
    assert main(["fill", str(bad), "-o", str(tmp_path / "表.xlsx")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}：应为一张表单（对象），而不是{said}" in err and "内部错误" not in err
    assert not (tmp_path / "表.xlsx").exists()
    assert main(["check", str(bad)]) == 2
    assert "内部错误" not in capsys.readouterr().out
