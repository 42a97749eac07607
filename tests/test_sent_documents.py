"""What a department sends reads as a 公文: Chinese punctuation around form text (GB/T 15834), the
发文字号 in 〔〕 (GB/T 9704), and Word's 文件 › 信息 naming the unit, never the tool.

Before: the reports copied form text as typed ("通过项目的开展,为…", "（(医疗保险报销结算)服务人数",
"冀财社(2021)164 号"), and every document carried the template's properties: author
“jixiao 绩效自评助手” and the comment “由 jixiao.docx_templates 生成；…花括号中的模板标记请保留”
(the 校验报告 “python-docx”).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.reports.templates import NAMES
from jixiao.reports.text import doc_text, zh_punctuation
from jixiao.fileio import written_now
from jixiao.sources import load_all

HOUR = dt.timedelta(hours=1)

SAMPLES = Path(__file__).resolve().parents[1] / "jixiao" / "samples" / "dachang-2022"
HAN = r"[\u4e00-\u9fff]"
HALF_BESIDE_HAN = re.compile(rf"{HAN}[,;:?!()]|[,;:?!()]{HAN}|\"")


@pytest.mark.parametrize("raw, want", [
    ("通过项目的开展,为符合条件的退役军人提供再就业", "通过项目的开展，为符合条件的退役军人提供再就业"),
    ("保障需求;实现目标", "保障需求；实现目标"),
    ("时间:8:30前", "时间：8:30前"),
    ("(医疗保险报销结算)服务人数", "（医疗保险报销结算）服务人数"),
    ("冀财社(2021)164 号", "冀财社〔2021〕164号"),
    ("冀财社[2022]178 号", "冀财社〔2022〕178号"),
    ("冀财社（2021）第 9 号", "冀财社〔2021〕9号"),
    ('完成"两定"机构检查', "完成“两定”机构检查"),
    ("「好差评」满意度", "“好差评”满意度"),
    # a mark beside a quote that only becomes a Chinese one here
    ('专项资金(第一批),"两病"门诊', "专项资金（第一批），“两病”门诊"),
    ('项目[冀财社(2021)164号],"两病"门诊', "项目[冀财社〔2021〕164号]，“两病”门诊"),
    ('保障"两病";用药', "保障“两病”；用药"),
])
def test_form_text_takes_chinese_punctuation(raw, want):
    assert zh_punctuation(raw) == want


@pytest.mark.parametrize("kept", ["1,000 元", "8:30", "3.5", "第(1)项", "ABC, DEF", "≥95%", "GB/T 9704-2012",
                                  "(2021)", "已完成", ""])
def test_figures_and_latin_text_are_left_alone(kept):
    assert zh_punctuation(kept) == kept


@pytest.mark.parametrize("raw, want", [
    ("关于提前下达 2022 年中央财政医疗救助补助资金", "关于提前下达2022年中央财政医疗救助补助资金"),
    ("新冠病毒疫苗及接种费用县级补助资金(2021 年 2 月 6 日至 6 月 30 日)",
     "新冠病毒疫苗及接种费用县级补助资金（2021年2月6日至6月30日）"),
    ("通过完成该项目,对 105 名村级代办员及时发放", "通过完成该项目，对105名村级代办员及时发放"),
    ("≥ 105 人", "≥105人"), ("≤ 183.49 元/人", "≤183.49元/人"), ("≥1 人", "≥1人"), ("1,000 元", "1,000元"),
    ("已正常使用 1 年", "已正常使用1年"), ("PM2.5 浓度", "PM2.5浓度"),
])
def test_form_text_loses_the_spaces_beside_chinese(raw, want):
    """Text copied from a form (often pasted out of a PDF: “下达 2022 年”) is set as Chinese is, without
    a gap between a character and a figure (GB/T 9704 body text)."""
    assert doc_text(raw) == want


@pytest.mark.parametrize("kept", ["GB/T 9704-2012", "ABC DEF", "1,000", "3.5 - 4.5", "已完成"])
def test_spaces_between_latin_words_and_figures_stay(kept):
    assert doc_text(kept) == kept


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    batch = load_all(sorted(SAMPLES.glob("[0-9]*.json")))
    out = tmp_path_factory.mktemp("punct")
    paths = R.build_reports(batch, None, out, check=check_batch(batch, get_profile(None)), force=True)
    return {p.stem: p for p in paths}


def _texts(path: Path) -> list[str]:
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        out += [c.text for row in t.rows for c in row.cells]
    return out


def test_sent_documents_have_no_half_width_marks_beside_chinese(built):
    for name in NAMES:
        bad = [t for t in _texts(built[name]) if HALF_BESIDE_HAN.search(t)]
        assert not bad, (name, bad[:3])
    # the samples do have them: the 校验报告 quotes the forms as they are
    assert any(HALF_BESIDE_HAN.search(t) for t in _texts(built["校验报告"]))


def test_sent_documents_have_no_gap_between_chinese_and_figures(built):
    gap = re.compile(rf"{HAN}[ \t\u00a0]+[0-9]|[0-9%][ \t\u00a0]+{HAN}")
    for name in NAMES:
        bad = [t for t in _texts(built[name]) if gap.search(t)]
        assert not bad, (name, bad[:3])


def test_document_numbers_as_gbt9704_writes_them(built):
    text = "\n".join(_texts(built["项目支出绩效自评报告"]))
    assert "冀财社〔2021〕164号" in text and "冀财社(2021)164 号" not in text


def test_properties_name_the_unit_not_the_tool(built):
    for name in (*NAMES, "校验报告"):
        with zipfile.ZipFile(built[name]) as z:
            core = z.read("docProps/core.xml").decode("utf-8")
        assert "jixiao" not in core.lower() and "python-docx" not in core and "模板" not in core, (name, core)
        cp = Document(str(built[name])).core_properties
        assert cp.comments == ""
        assert cp.created is not None and abs(cp.created.replace(tzinfo=None) - written_now()) < HOUR  # now, not the template's date
    for name in NAMES:
        assert Document(str(built[name])).core_properties.author == "大厂回族自治县医疗保障局"


def test_finalized_workbook_names_the_unit_not_the_tool(tmp_path):
    """The values-only 定稿 copy is e-mailed: Excel's 文件 › 信息 shows the unit (it showed
    “jixiao 绩效自评助手” and a ``jixiao-output`` property); batches still read it as a department's."""
    from jixiao.excel.workbook import write_forms
    from jixiao.finalize import finalize
    from jixiao.marker import own_output, read_mark

    batch = load_all(sorted(SAMPLES.glob("[0-9]*.json"))[:2])
    book = write_forms([it.form for it in batch.forms], tmp_path / "表.xlsx")
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    with zipfile.ZipFile(done.workbook) as z:
        props = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("docProps/"))
    assert "jixiao" not in props.lower() and "助手" not in props
    assert "openpyxl" not in props.lower(), props   # app.xml's 应用程序 (stop 43's QA)
    assert "<Application>Microsoft Excel</Application>" in props
    assert ">大厂回族自治县医疗保障局</dc:creator>" in props
    assert read_mark(done.workbook) == (None, None) and own_output(done.workbook) is None
    import openpyxl

    props_now = openpyxl.load_workbook(done.workbook, read_only=True).properties
    assert props_now.created is not None and abs(props_now.created - written_now()) < HOUR


def test_one_doc_number_pattern_for_rules_checker_and_documents():
    """The header rule, the report checker and the documents read a 文号 the same way."""
    from jixiao.checking.rules.headers import DOC_TITLE, suggested_name
    from jixiao.core.docno import doc_numbers, standard_doc_numbers
    from jixiao.reportcheck.document import norm

    for written in ("冀财社(2021)164 号", "冀财社[2021]164 号", "冀财社（2021）第 164 号", "冀财社〔2021〕164号"):
        assert doc_numbers(norm(written)) == {("2021", "164")}
        assert standard_doc_numbers(written) == "冀财社〔2021〕164号"
        assert DOC_TITLE.search("资金" + written)
        assert norm(written).replace("第", "") == "冀财社(2021)164号"
    assert suggested_name("关于下达2022年医疗救助资金预算的通知冀财社(2022)49 号") == "2022年医疗救助资金"


def test_official_templates_and_filled_workbooks_name_no_author(tmp_path):
    """The form a 填报人 fills (and may send as it is) showed “jixiao 绩效自评助手” as its author."""
    from jixiao.excel.workbook import write_forms

    root = Path(__file__).resolve().parents[1] / "xlsx_templates"
    filled = write_forms([it.form for it in load_all(sorted(SAMPLES.glob("[0-9]*.json"))[:1]).forms],
                         tmp_path / "填好.xlsx")
    books = [*root.glob("*.xlsx"), *root.glob("*.xlsm"), filled]
    assert len(books) >= 5
    for book in books:
        with zipfile.ZipFile(book) as z:
            core = z.read("docProps/core.xml").decode("utf-8")
        assert "jixiao" not in core.lower() and "助手" not in core, (book.name, core)


def _context(forms, tmp=None, **settings):
    """The documents' strings for sample forms (file names) or edited copies (dicts, written to ``tmp``)."""
    import json

    from jixiao.core.settings import Settings
    from jixiao.reports.context import build_context
    from jixiao.reports.facts import collect

    paths = []
    for k, f in enumerate(forms):
        if isinstance(f, dict):
            paths.append(tmp / f"{k}.json")
            paths[-1].write_text(json.dumps(f, ensure_ascii=False), encoding="utf-8")
        else:
            paths.append(SAMPLES / f)
    return build_context(collect(load_all(paths), Settings(**settings)))


def _sample(name, **changes):
    import json

    d = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    d.update(changes)
    return d


def _funds(d, annual, executed):
    for k in ("total", "fiscal"):
        d["funds"][k].update(initial=annual, annual=annual, executed=executed)
    return d


def test_settings_text_takes_the_same_punctuation_as_form_text():
    # the 设置 sheet is typed by hand like the forms: its 文号 and names go out as GB/T 9704/15834 write them
    ctx = _context(["11.json"], doc_no="厂医保函[2023] 5 号", addressee="县财政局(绩效科)",
                   unit="大厂县医疗保障局(本级)", contact="张三,李四")
    assert ctx["doc_no"] == "厂医保函〔2023〕5号"
    assert ctx["addressee"] == "县财政局（绩效科）"
    assert ctx["unit"] == ctx["signer"] == "大厂县医疗保障局（本级）"
    assert ctx["contact"] == "张三，李四"


def test_a_project_without_a_rate_is_not_counted_below_100(tmp_path):
    # a 0 全年预算数 (no errors: 执行率 blank, 执行率得分 10): no rate, so neither at nor below 100%
    zero = _funds(_sample("11.json", project="零预算项目", exec_rate=None, exec_score=10), 0, 0)
    ctx = _context(["11.json", zero], tmp_path)
    for text in (ctx["funds_overview"], ctx["budget_lines"][0]):
        assert "执行率达到100%的项目1个" in text and "未达到100%的项目1个" not in text, text
        assert "0个" not in text, text   # a kind with none is left out (``counts_said``)
        assert "无法计算执行率的项目1个" in text or "无法计算执行率的1个" in text, text
    assert not any("未达到100%的1个项目" in m for m in ctx["measures"]), ctx["measures"]


def test_measures_for_overspending_alone_name_no_zero_count(tmp_path):
    # only in a --force draft (执行数 > 预算数 is an A5 error), but the draft is read: no “未达到100%的0个项目”
    over = _funds(_sample("11.json", project="超支项目", exec_rate="120%"), 2, 2.4)
    ctx = _context(["11.json", over], tmp_path)
    assert not any("0个" in m for m in ctx["measures"]), ctx["measures"]
    assert any("执行数大于预算数的1个项目" in m for m in ctx["measures"]), ctx["measures"]


def test_the_reason_for_unspent_money_written_in_the_remark_is_used(tmp_path):
    # the form's 说明 is where the 执行率 deviation is usually explained (G1 accepts it): not 【待填写】
    under = _funds(_sample("11.json", project="结余项目", exec_rate="90%", exec_score=9, total_score=99,
                           remark="执行率90%:印刷品招标价格低于预算,结余0.2万元。"), 2, 1.8)
    ctx = _context([under], tmp_path)
    [lines] = [s["lines"] for s in ctx["problems"] if s["heading"] == "（一）预算执行方面"]
    assert any("偏差原因：执行率90%：印刷品招标价格低于预算，结余0.2万元。" in x for x in lines), lines


@pytest.mark.parametrize("written, cited", [
    ("关于开展2022年度预算绩效自评工作的通知", "《关于开展2022年度预算绩效自评工作的通知》"),
    ("《关于开展2022年度预算绩效自评工作的通知》", "《关于开展2022年度预算绩效自评工作的通知》"),
    # GB/T 9704: a document is cited by its title, then its 发文字号 — not the number inside 《》
    ("关于开展2022年度预算绩效自评工作的通知(廊财绩[2023]3号)", "《关于开展2022年度预算绩效自评工作的通知》（廊财绩〔2023〕3号）"),
    ("关于开展2022年度预算绩效自评工作的通知 廊财绩〔2023〕3号", "《关于开展2022年度预算绩效自评工作的通知》（廊财绩〔2023〕3号）"),
    ("《关于转发绩效自评的通知的通知》（廊财绩〔2023〕3号）", "《关于转发绩效自评的通知的通知》（廊财绩〔2023〕3号）"),
    ("廊财绩[2023]3号", "廊财绩〔2023〕3号"),   # a number alone is no title
    ("“关于开展绩效自评的通知”", "《关于开展绩效自评的通知》"),
])
def test_the_notice_is_cited_as_gbt9704_cites_a_document(written, cited):
    ctx = _context(["11.json"], notice=written)
    assert ctx["notice"] == cited
    assert ctx["intro"].startswith(f"根据{cited}要求")


def test_indicators_that_cannot_be_judged_are_not_called_met():
    # 07.json writes 完成值 as “≥90%” (C4): no measurement, so not “各项目的绩效指标均达到指标值”
    ctx = _context(["07.json"])
    [lines] = [s["lines"] for s in ctx["problems"] if s["heading"] == "（二）绩效目标完成方面"]
    assert not any("均达到指标值" in x for x in lines), lines
    assert any("另有3个指标的完成情况未以实测数值反映，是否达到指标值需补充实际完成数后确定" in x for x in lines), lines


def test_a_forced_draft_with_overspending_reads_back_against_its_forms(tmp_path):
    # 超出预算的金额 is no 预算数: the draft must not contradict its own form when checked (R1)
    import json

    from jixiao.reportcheck import check_report

    over = _funds(_sample("11.json", project="超支项目", exec_rate="120%"), 2, 2.4)
    (tmp_path / "over.json").write_text(json.dumps(over, ensure_ascii=False), encoding="utf-8")
    batch = load_all([tmp_path / "over.json"])
    out = tmp_path / "out"
    paths = R.build_reports(batch, None, out, check=check_batch(batch, get_profile(None)), force=True)
    for p in paths:
        if p.stem in NAMES:
            bad = [(f.rule, f.message) for f in check_report(p, batch.forms) if f.severity == "error"
                   and f.rule in ("R1", "R2")]
            assert not bad, (p.stem, bad)


def test_the_signature_never_stands_alone_on_a_page(built):
    # GB/T 9704: 落款 and 成文日期 go on a page with text; Word/LibreOffice keep them there only if the
    # blank line and the last text before them are kept with the next paragraph
    for name in NAMES:
        paras = Document(str(built[name])).paragraphs
        first_sign = next(k for k, p in enumerate(paras) if p.style.name == "落款")
        before = [p for p in paras[:first_sign] if p.text.strip()][-1]
        blank = paras[first_sign - 1]
        assert not blank.text.strip() and blank.paragraph_format.keep_with_next, name
        assert before.paragraph_format.keep_with_next, (name, before.text)


def test_documents_speak_as_the_one_office_over_the_forms_when_the_settings_name_no_unit(tmp_path):
    # a department's own project and its 下属单位's two: the report is the 主管部门's, not the unit with more forms
    own = _sample("01.json", unit="县教育局", authority=None)
    school = [_sample(f"0{k}.json", unit="县第一中学", authority="大厂回族自治县教育局") for k in (2, 3)]
    ctx = _context([own, *school], tmp_path)
    assert ctx["unit"] == ctx["signer"] in ("县教育局", "大厂回族自治县教育局")
    # one 实施单位 throughout, written two ways: that unit, as most forms write it
    ctx = _context([_sample("01.json", unit="县医疗保障局"), "02.json", "03.json"], tmp_path)
    assert ctx["unit"] == "大厂回族自治县医疗保障局"
    # two offices with nothing over them: nobody is guessed; the 设置's 单位 decides
    two = [_sample("01.json", unit="县教育局", authority=None), *school[:1],
           _sample("04.json", unit="县水务局", authority=None), _sample("05.json", unit="县水务局", authority=None)]
    assert _context(two, tmp_path)["unit"] == "【待填写】"
    assert _context(two, tmp_path, unit="县教育局")["unit"] == "县教育局"
