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


def _all_text(tmp_path, paths):
    out = tmp_path / "all"
    built = R.build_reports(load_all(paths), None, out, force=True)
    return {p.stem: "\n".join(x.text for x in Document(str(p)).paragraphs) for p in built if p.suffix == ".docx"}


def test_projects_all_at_100_percent_are_said_so_not_counted_as_none_below(tmp_path):
    """Two projects both at 100%: the reports said “执行率达到100%的项目2个，未达到100%的项目0个” (a form's
    blank count, not a sentence); a mix is still counted both ways."""
    texts = _all_text(tmp_path, [_variant(tmp_path, "a", "甲项目", 2, 2), _variant(tmp_path, "b", "乙项目", 3, 3)])
    joined = "\n".join(texts.values())
    assert "各项目执行率均达到100%" in joined
    assert "项目0个" not in joined and "的0个" not in joined, joined
    mixed = "\n".join(_all_text(tmp_path / "m", [_variant(tmp_path, "c", "丙项目", 2, 2),
                                                 _variant(tmp_path, "d", "丁项目", 2, 1)]).values())
    assert "执行率达到100%的项目1个，未达到100%的项目1个" in mixed


def test_counts_leave_out_kinds_with_none():
    from jixiao.reports.text import counts_said

    parts = [("达到的", 3, "均达到"), ("未达到的", 0, "均未达到"), ("无法判断的", 2, "均无法判断")]
    assert counts_said(parts, 5) == "达到的3个，无法判断的2个"
    assert counts_said([("达到的", 5, "均达到"), ("未达到的", 0, "均未达到")], 5) == "均达到"
    assert counts_said([("达到的", 0, "均达到"), ("未达到的", 0, "均未达到")], 0) == ""
