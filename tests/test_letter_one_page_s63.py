"""The 报送函 of a department sending its 部门整体支出绩效自评表 with ten projects ran to two pages: under the
letterhead, a paragraph on how the self-evaluation was organised and which reports it “形成了” (the 附件
list below names them again), then four lines of 预算数, 执行数, 等级 and the 部门整体 form's 三级指标;
its 附件说明, signature and date stood on a second page without the letterhead, though narrowed to the
24 pt floor it still did not fit. A cover letter states the 来文, what was evaluated and what it sends;
the figures are the attachments'. And the seal (GB/T 9704 7.3.5.1) had no room: one empty line between
the 附件说明 and the signer put the seal's top over the last attachment's line."""

from __future__ import annotations

import json

import pytest
from docx import Document

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.core.settings import Settings
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded, load_all

SETTINGS = Settings(doc_no="县医保函〔2023〕5号", addressee="大厂回族自治县财政局",
                    notice="《关于做好2022年度县级预算部门（单位）绩效自评工作的通知》（大财绩〔2023〕2号）",
                    contact="王某", phone="0316-8851234")
SEAL_PT = 42 / 25.4 * 72      # a county office's seal, 42 mm across


def _ten_with_department() -> Batch:
    """Samples 01–10 (one unit's) and the 子洲 部门整体 form as that unit's, of that year."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    forms = [parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(SAMPLES)[:10]]
    dept = {**zizhou_json(), "year": forms[0].year, "department": forms[0].unit}
    return Batch([Loaded(f, f"{i:02}.json") for i, f in enumerate(forms, 1)], files=10,
                 departments=[Loaded(parse_dept_form(dept, "部门整体"), "部门整体.json", "部门整体")])


def _letter(tmp_path, batch: Batch):
    built = {p.name: p for p in R.build_reports(batch, SETTINGS, tmp_path, pdf=True,
                                                  check=check_batch(batch, get_profile(None)), force=True)}
    return Document(str(built["报送函.docx"])), built["报送函.pdf"]


def _pitch(doc) -> float:
    body = next(p for p in doc.paragraphs if p.style.name == "Normal" and p.text.strip())
    return (body.paragraph_format.line_spacing or body.style.paragraph_format.line_spacing).pt


@pytest.fixture(scope="module")
def ten(tmp_path_factory):
    need_libreoffice()
    return _letter(tmp_path_factory.mktemp("ten"), _ten_with_department())


@pytest.fixture(scope="module")
def one(tmp_path_factory):
    need_libreoffice()
    return _letter(tmp_path_factory.mktemp("one"), load_all([p for p in SAMPLES if p.name == "11.json"]))


def test_the_letter_of_a_department_and_ten_projects_is_one_page(ten):
    from test_letterhead import _lines
    from jixiao.reports.pagefit import FLOOR_PT

    doc, pdf = ten
    lines = _lines(pdf)
    assert {page for page, _y, _t in lines} == {1}, lines
    texts = [t for _p, _y, t in lines]
    assert texts[-1] == "（联系人：王某；联系电话：0316-8851234）"
    assert sum(t.startswith(("附件：1．", "2．", "3．", "4．", "5．")) for t in texts) == 5
    # written to fit, not squeezed to the floor: its body pitch is well above it
    assert _pitch(doc) >= FLOOR_PT + 2


def test_the_letter_says_what_it_sends_and_leaves_the_figures_to_its_attachments(ten):
    doc, _pdf = ten
    body = [p.text for p in doc.paragraphs if p.style.name == "Normal" and p.text.strip()]
    assert body == ["根据《关于做好2022年度县级预算部门（单位）绩效自评工作的通知》（大财绩〔2023〕2号）要求，"
                    "我单位对2022年度部门整体支出和10个项目开展了绩效自评，现将有关材料随函报送，请审核。"]
    # no figure of the forms, no 【待核实】 in a forced draft's letter: none to verify
    assert not any(w in body[0] for w in ("万元", "执行率", "等级", "得分", "总分", "【"))


def test_the_attachments_are_listed_as_gb_t_9704_has_them(ten):
    """附件：1．…, each item on its line, numbered in order, aligned under the first, no closing mark."""
    from test_letterhead import _lines

    doc, pdf = ten
    items = [p.text for p in doc.paragraphs if p.style.name in ("附件", "附件续行")]
    assert items[0].startswith("附件：1．")
    names = [t.removeprefix("附件：") for t in items]
    assert [n.split("．", 1)[0] for n in names] == ["1", "2", "3", "4", "5"]
    assert not any(n[-1] in "。，、；：." for n in names)
    placed = _xs(pdf)
    first = next(x for t, x in placed if t.startswith("附件：1．"))   # “附件：” is three characters of 16 pt
    rest = [x for t, x in placed if t[:2] in ("2．", "3．", "4．", "5．")]
    assert len(rest) == 4 and all(abs(x - (first + 3 * 16)) < 1 for x in rest), placed


def _xs(pdf):
    import re
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [("".join(re.findall(r">([^<]+)</word>", m[2])), float(m[1]))
            for m in re.finditer(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', html, re.S)]


@pytest.mark.parametrize("which", ["ten", "one"])
def test_the_seal_has_its_room_under_the_attachments(which, request):
    """GB/T 9704 7.3.5.1: the seal 居中下压 the signer and the date, which stand below its centre (here a
    quarter line), and its top 上距附件说明一行之内: under the last line's glyphs, less than a line below them."""
    from test_letterhead import _lines

    doc, pdf = request.getfixturevalue(which)
    pitch = _pitch(doc)
    lines = _lines(pdf)
    texts = [t for _p, _y, t in lines]
    k = next(i for i, t in enumerate(texts) if t.startswith("（联系人"))
    signer, date = lines[k - 2][1], lines[k - 1][1]
    last = lines[k - 3]
    assert last[2][:2] in ("4．", "5．")
    glyph = 20.8   # a 三号 line's glyph box in pdftotext
    centre = (signer + date + glyph) / 2 - pitch / 4
    gap = centre - SEAL_PT / 2 - (last[1] + glyph)
    assert 0 <= gap <= pitch, (gap, pitch)


def test_the_letter_never_speaks_of_the_tool(ten):
    doc, _pdf = ten
    text = "\n".join(p.text for p in doc.paragraphs)
    assert not any(w in text for w in ("jixiao", "助手", "校验", "复核", "本工具", "自动"))
    props = doc.core_properties
    assert not any(w in f"{props.author}{props.comments}{props.title}{props.last_modified_by}"
                   for w in ("jixiao", "助手", "模板"))
