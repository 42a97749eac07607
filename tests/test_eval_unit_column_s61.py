"""The 财政局 receiving two units' 项目支出绩效评价表 of like-named projects: the “项目评价” sheet of
``summarize`` and of the review's 汇总表 listed each by its 项目 only, so only the 来源's file name told whose it
was. It now has a 实施单位 column beside the 项目 (the 部门整体自评 sheet, one row per 单位, has none), and
its header row is tall enough for “表中综合得分” wrapped in two lines."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from jixiao.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
EVAL = SAMPLES / "fengtai-2023-evaluation" / "form.json"


def _books(tmp_path: Path) -> list[str]:
    d = json.loads(EVAL.read_text(encoding="utf-8"))
    other = {**d, "unit": "北京市丰台区卫生健康委员会"}
    (tmp_path / "乙.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    project = json.loads((SAMPLES / "dachang-2022" / "01.json").read_text(encoding="utf-8"))
    project["year"] = 2023
    (tmp_path / "项目.json").write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
    out = []
    for name, src in (("甲.xlsx", EVAL), ("乙.xlsx", tmp_path / "乙.json"), ("项目.xlsx", tmp_path / "项目.json")):
        assert main(["fill", str(src), "-o", str(tmp_path / name)]) == 0
        out.append(str(tmp_path / name))
    return out


def test_each_evaluation_says_its_unit(tmp_path, capsys):
    books = _books(tmp_path)
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", *books, "-o", str(out)]) == 0
    capsys.readouterr()
    ws = openpyxl.load_workbook(out)["项目评价"]
    assert [c.value for c in ws[2]] == ["序号", "项目", "实施单位", "年度", "表中综合得分", "表中等级", "复核综合得分",
                                        "复核等级", "错误数", "警告数", "来源"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert sorted(r[2] for r in rows) == ["北京市丰台区医疗保障局", "北京市丰台区卫生健康委员会"]
    assert all(r[4] == 87 and r[6] == 87 for r in rows)
    assert ws.row_dimensions[2].height >= 30      # two lines of “表中综合得分”, not 1 in a default row
    assert ws.print_area == "'项目评价'!$A$1:$K$4"


def test_each_evaluation_line_says_its_unit(tmp_path, capsys):
    """The lines ``summarize`` prints for the two 评价表 were the same word for word (project, year, scores):
    the reviewer at the terminal could not tell whose was whose. Each names its 实施单位 now."""
    books = _books(tmp_path)
    capsys.readouterr()
    assert main(["summarize", *books, "-o", str(tmp_path / "汇总表.xlsx")]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("项目支出绩效评价：")]
    assert len(lines) == 2 and len(set(lines)) == 2, lines
    assert any("（北京市丰台区医疗保障局，2023年度）" in x for x in lines), lines
    assert any("（北京市丰台区卫生健康委员会，2023年度）" in x for x in lines), lines
