"""“二、存在的问题 （一）预算执行方面” of the 项目支出绩效自评报告 says what it lists: projects below 100%, above
it, without a rate. It opened every list with “N个项目的执行率未达到100%或需要核实：” — a reviewer's words
(“需要核实”) in a document the department sends, and a count that mixed the three kinds."""

from __future__ import annotations

import json

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.reports.templates import NAMES
from jixiao.sources import load_all

PROJECT = NAMES[1]


def _section(tmp_path, paths):
    out = tmp_path / "out"
    built = R.build_reports(load_all(paths), None, out, force=True)
    ps = [p.text for p in Document(str(next(p for p in built if p.stem == PROJECT))).paragraphs]
    i = ps.index("（一）预算执行方面")
    return ps[i + 1:ps.index("（二）绩效目标完成方面")]


def test_the_sample_lists_eleven_projects_below_100_percent(tmp_path):
    lines = _section(tmp_path, SAMPLES)
    assert lines[0] == "11个项目的执行率未达到100%："
    assert len(lines) == 12


def _variant(tmp_path, name, project, annual, executed):
    data = json.loads(next(p for p in SAMPLES if p.stem == "11").read_text(encoding="utf-8"))
    data["project"] = project
    for row in ("total", "fiscal"):
        data["funds"][row]["annual"], data["funds"][row]["executed"] = annual, executed
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_each_kind_is_counted_as_what_it_is(tmp_path):
    paths = [_variant(tmp_path, "a", "甲项目", 2, 1.5), _variant(tmp_path, "b", "乙项目", 2, 2.5),
             _variant(tmp_path, "c", "丙项目", 0, 0), _variant(tmp_path, "d", "丁项目", 2, 2)]
    lines = _section(tmp_path, paths)
    assert lines[0] == ("1个项目的执行率未达到100%，1个项目的全年执行数大于全年预算数，"
                        "1个项目的全年预算数为0或未填写、无法计算执行率：")
    assert len(lines) == 4 and not any("需要核实" in t for t in lines)
