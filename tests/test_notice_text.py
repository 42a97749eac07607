"""How a 退回修改通知 names places and values, as the department reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

from jixiao.review.notices import item_text, sent_items, sent_name


def test_files_are_named_as_the_department_sent_them():
    assert sent_name("县民政局/民政局-绩效自评表.xlsx") == "民政局-绩效自评表.xlsx"  # the reviewer's folder
    assert sent_name("邮件/县水务局报送.eml › 水务局.xlsx") == "水务局.xlsx"  # the reviewer's saved message
    assert sent_name("县民政局/材料.zip › 民政局材料/表.xlsx") == "材料.zip › 民政局材料/表.xlsx"  # its own zip
    assert sent_name("x.eml › 材料.zip › 表.xlsx") == "材料.zip › 表.xlsx"


def test_two_files_of_one_name_keep_their_paths():
    items = [{"file": f"县教育局/{k}/表.xlsx", "sheet": "", "cell": "", "kind": "unreadable", "message": "x",
              "severity": "error"} for k in ("第一次", "第二次")]
    dept = SimpleNamespace(files=[it["file"] for it in items], items=items)
    assert [it["file"] for it in sent_items(dept)] == ["县教育局/第一次/表.xlsx", "县教育局/第二次/表.xlsx"]
    one = SimpleNamespace(files=["县教育局/第一次/表.xlsx"], items=items[:1])
    assert [it["file"] for it in sent_items(one)] == ["表.xlsx"]
    assert items[0]["file"] == "县教育局/第一次/表.xlsx"  # the review's own items unchanged


def test_an_item_says_each_thing_once():
    it = {"kind": "finding", "file": "表.xlsx", "sheet": "退役军人辅助性岗位经费", "cell": "H34",
          "project": "退役军人辅助性岗位经费", "message": "改正得分后，总分应为 99.25；表中总分为 97.75（等级优）",
          "found": "97.75", "expected": "99.25", "severity": "error"}
    assert item_text(3, it) == ("3．“表.xlsx”中“退役军人辅助性岗位经费”工作表 H34 单元格："
                                "改正得分后，总分应为 99.25；表中总分为 97.75（等级优）。")
    other = {**it, "project": "另一个项目", "message": "得分超过分值", "found": "12", "expected": "10"}
    assert item_text(1, other) == ("1．“表.xlsx”中“退役军人辅助性岗位经费”工作表 H34 单元格（另一个项目）："
                                   "得分超过分值，表中为“12”，应为“10”。")
    assert "表中为“9”" in item_text(1, {**other, "message": "执行率得分应为 9.5", "found": "9"})  # 9 is not 9.5


def test_an_item_that_says_how_to_write_it_does_not_say_it_again():
    # C2 on a target without a direction: the message gives the three ways to write it; the item
    # added them once more as its “应为” (“…应写作“≥12 次”“≤12 次”或“=12 次”，…如何计分，应为“≥12 次、≤12 次 或 =12 次””)
    it = {"kind": "finding", "file": "表.xlsx", "sheet": "退役军人辅助性岗位经费", "cell": "E16",
          "project": "退役军人辅助性岗位经费", "rule": "C2", "severity": "warning", "found": "12 次",
          "message": "指标“工资发放及时性”的年度指标值“12 次”没有比较方向，应写作“≥12 次”“≤12 次”或“=12 次”，"
                     "否则无法判断多于或少于指标值时如何计分",
          "expected": "≥12 次、≤12 次 或 =12 次"}
    assert item_text(22, it) == ("22．“表.xlsx”中“退役军人辅助性岗位经费”工作表 E16 单元格：" + it["message"]
                                 + "。请核实，如无误可说明理由。")
    # H4 on a time limit written as “≥”: “应写“≤365 天”之类” said it, the item added “应为“≤365 天，或…””
    h4 = {**it, "rule": "H4", "cell": "E19", "found": "≥365 天", "expected": "≤365 天，或把指标归入数量指标",
          "message": "时效指标“业务处理及时性”的指标值“≥365 天”是“≥”天数：时限是上限，应写“≤365 天”之类；"
                     "若考核的是全年运行的天数，应归入数量指标"}
    assert "应为" not in item_text(20, h4) and item_text(20, h4).endswith("应归入数量指标。请核实，如无误可说明理由。")
    # “数值应写在年度指标值中” says no value: the suggested name stays
    h7 = {**it, "rule": "H7", "found": "", "expected": "不含数值的名称（如“全县参保人”）",
          "message": "三级指标名称“全县参保人约 10 万人”中写了数值“约 10 万人”，数值应写在年度指标值中"}
    assert "应为“不含数值的名称（如‘全县参保人’）”" in item_text(1, h7)


def test_a_point_to_verify_says_verify_once():
    # D8 on a value read out of words ends “…计算，请核实”; the item added its own “（请核实，如无误可说明理由）”
    it = {"kind": "finding", "file": "农业农村局.xlsx", "sheet": "表", "cell": "H22", "project": "表", "rule": "D8",
          "severity": "warning", "found": "5", "expected": "1.67",
          "message": "指标“设备正常使用年限”的得分应为 1.67，表中为 5。评分依据：正向指标未达标，完成率 1 ÷ 3 = 33.33%，"
                     "得分 5 × 33.33% = 1.67 分；实际完成值“已正常使用 1 年”含说明文字，按其中的数值 1 年 计算，请核实"}
    text = item_text(9, it)
    assert text.count("请核实") == 1 and text.endswith("按其中的数值 1 年 计算。请核实，如无误可说明理由。"), text
    assert "请核实" in item_text(9, {**it, "severity": "error"})  # an error keeps the message's own words


def test_a_notice_says_the_workbook_is_marked_only_when_a_cell_is(tmp_path):
    """A department that sent only its (clean) 部门整体 form while the list expects a project: its
    notice named the missing project and said “问题已在随附的工作簿中逐格标注” of a copy without a mark."""
    import docx
    import openpyxl

    from dept_helpers import clean_json, of_year
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.department.model import parse_dept_form
    from review_fixture import run_cli, sample

    d = clean_json()
    of_year(d, sample(1)["year"]).update(department="县民政局")
    (tmp_path / "inbox").mkdir()
    write_forms([parse_dept_form(d)], tmp_path / "inbox" / "民政局.xlsx")
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append([sample(1)["project"], "县民政局"])
    wb.save(tmp_path / "清单.xlsx")
    code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"),
                         "--expected", str(tmp_path / "清单.xlsx"), "--json")
    dept = next(x for x in json.loads(text)["departments"] if x["department"] == "县民政局")
    said = "\n".join(p.text for p in docx.Document(dept["notice"]).paragraphs)
    assert sample(1)["project"] in said and "逐格标注" not in said


def test_a_description_is_said_as_what_to_do_not_quoted_as_the_value_to_write():
    """H1's 应为 was “主管部门名称（如…）”, quoted: “应为“主管部门名称（…）””, as if that text were to be typed
    in B4; E1's 表中为 “与‘…’相同” where D14 holds “聘请专家次数”. Now said as what to do, and no 表中为."""
    h1 = {"kind": "finding", "file": "表.xlsx", "sheet": "医疗保障服务经费", "cell": "B4", "project": "医疗保障服务经费",
          "message": "主管部门未填写", "found": "", "severity": "warning",
          "expected": "填写主管部门名称（如实施单位“大厂回族自治县医疗保障局”的主管部门）"}
    text = item_text(1, h1)
    assert "主管部门未填写，应填写主管部门名称（如实施单位“大厂回族自治县医疗保障局”的主管部门）。" in text, text
    assert "应为" not in text
    for message, expected in (("年度资金总额的年初预算数未填写（全年预算数为 88 万元）；年初没有预算的应填 0",
                               "年初预算数（年初没有预算的填 0）"),
                              ("本项目的 7 个绩效指标及指标值与项目“甲”逐条相同，应按本项目的任务和预算（全年预算数 5 万元）设定",
                               "按本项目的任务和预算设定绩效指标"),
                              ("总分最高为 100，表中为 103，不能评定等级", "≤ 100（分值合计 100，各项得分不超过分值）")):
        said = item_text(2, {**h1, "message": message, "expected": expected})
        assert "应为" not in said.replace(message, "") and expected not in said, said
    assert "应在名称中写明区别" in item_text(3, {**h1, "message": "指标名称应各不相同，表中第 3 个指标“a”与第 1 个指标重名",
                                                "expected": "在名称中写明区别"})


def test_quotes_inside_a_quoted_value_are_single_ones():
    # GB/T 15834: a quotation inside “” takes ‘’ — the H1 and H4 suggestions quote examples of their own
    it = {"kind": "finding", "file": "表.xlsx", "sheet": "医疗保障服务经费", "cell": "B4", "project": "医疗保障服务经费",
          "message": "主管部门未填写", "found": "", "severity": "warning",
          "expected": "=100%（或写“完成两定检查”）"}
    text = item_text(1, it)
    assert "应为“=100%（或写‘完成两定检查’）”" in text, text
    assert "表中为“完成‘两定’检查”" in item_text(2, {**it, "message": "x", "found": "完成“两定”检查"})


def test_the_notice_signature_never_stands_alone_on_a_page(tmp_path):
    # GB/T 9704: 落款 and 日期 go on a page with text: the last item and the blank line keep with them
    import docx

    from jixiao.review.notices import write_notice_docx

    items = [{"kind": "finding", "file": "表.xlsx", "sheet": "表", "cell": f"E{k}", "project": "表",
              "message": f"第{k}处问题", "severity": "error"} for k in range(1, 31)]
    dept = SimpleNamespace(name="县民政局", status="退回修改", items=items, files=["表.xlsx"], forms=1,
                           annotated=[Path("表-校验标注.xlsx")], notice_xlsx=None, missing=[], last_round=None)
    path = write_notice_docx(dept, 2022, "县财政局", tmp_path / "通知.docx")
    paras = docx.Document(str(path)).paragraphs
    k = next(k for k, p in enumerate(paras) if p.text == "县财政局")
    # the last item, a blank line, the 附件说明 and a blank line all go over with the signature
    assert [p.text for p in paras[k - 4:k]] == [paras[k - 4].text, "", "附件：县民政局-2022-表-校验标注", ""]
    assert paras[k - 4].text.startswith("30．")
    assert all(p.paragraph_format.keep_with_next for p in paras[k - 4:k])


def test_a_notice_names_every_attachment_of_its_mail(tmp_path):
    """GB/T 9704 7.3.6: the notice's 附件说明 — after the last item and a blank line, before the
    signature — names what the 退回邮件 carries with it, in the order attached and by the names
    attached under (without the extension): the 清单, then the marked copies; nothing else. Before,
    it named the copies only, while the mail carried the 退回修改清单 too (and a 催报 named
    nothing while its mail carried the 催报清单). The mail attaches each under its department's and
    year's name (session 40: “县民政局-2022-退回修改清单.xlsx”), the 附件说明 names its title."""
    import email
    import email.policy

    import docx

    from review_fixture import build_inbox, run_cli

    def attached(dept: dict) -> list[str]:
        msg = email.message_from_bytes(Path(dept["mail"]).read_bytes(), policy=email.policy.default)
        return [a.get_filename() for a in msg.iter_attachments()]

    made = build_inbox(tmp_path)
    code, text = run_cli("review", str(made["inbox"]), "-o", str(tmp_path / "out"),
                         "--expected", str(made["expected"]), "--json")
    assert code in (0, 1), text
    depts = {d["department"]: d for d in json.loads(text)["departments"]}
    mz = depts["县民政局"]
    assert mz["annotated"], mz
    def titles(dept: dict) -> list[str]:  # attached as “县民政局-2022-退回修改清单.xlsx”: its title, “退回修改清单”
        prefix = f"{dept['department']}-2022-"
        assert all(a.startswith(prefix) for a in attached(dept)), attached(dept)
        return [Path(a).stem.removeprefix(prefix) for a in attached(dept)]

    sent = titles(mz)
    assert sent[0] == Path(mz["notice"]).stem and "退回修改清单" in sent  # the notice, then what goes with it
    assert sent[1:] == ["退回修改清单", *(Path(a).stem for a in mz["annotated"])], sent
    names = [Path(a).stem for a in attached(mz)][1:]   # the 附件说明 names them as attached (stop 60)
    paras = docx.Document(mz["notice"]).paragraphs
    said = [p.text for p in paras]
    k = next(k for k, t in enumerate(said) if t.startswith("附件："))
    sign = said.index("县财政局")
    last_item = max(k for k, p in enumerate(paras) if re.match(r"\d+．", p.text) and not p.style.name.startswith("附件"))
    assert last_item < k < sign, said
    assert said[k - 1] == "" and said[sign - 1] == ""  # a blank line before it and before the signature
    lines = [t.replace("\n", "") for t in said[k:sign - 1]]   # a long name broken for print is one name
    assert lines == [("附件：" if i == 1 else "") + f"{i}．{n}" for i, n in enumerate(names, 1)], lines
    assert [p.style.name for p in paras[k:sign - 1]] == ["附件", *["附件续行"] * (len(lines) - 1)]
    assert all(p.paragraph_format.keep_with_next for p in paras[last_item:sign])
    # a department that sent nothing: a 催报 with no copy; its mail carries the 催报清单, which it names
    silent = depts["县住房和城乡建设局"]
    assert not silent["annotated"] and Path(silent["notice"]).name == "催报通知.docx"
    assert attached(silent) == ["县住房和城乡建设局-2022-催报通知.docx", "县住房和城乡建设局-2022-催报清单.xlsx"]
    assert [p.text for p in docx.Document(silent["notice"]).paragraphs if p.text.startswith("附件")] == ["附件：县住房和城乡建设局-2022-催报清单"]
    for dept in depts.values():  # every notice: its 附件说明 is its mail's attachments after the notice
        if dept["mail"]:
            # a long name broken for print (“…自评表” over “-校验标注”, ``attachment_name_lines``) is one name
            got = [p.text.replace("\n", "") for p in docx.Document(dept["notice"]).paragraphs
                   if p.style.name.startswith("附件")]
            stems = [Path(a).stem for a in attached(dept)][1:]
            assert [re.sub(r"^(附件：)?(\d+．)?", "", t) for t in got] == stems, (dept["department"], got)


def test_several_copies_are_numbered_and_aligned(tmp_path):
    import docx

    from jixiao.review.notices import write_notice_docx

    items = [{"kind": "finding", "file": "表.xlsx", "sheet": "表", "cell": "E4", "project": "表",
              "message": "问题", "severity": "error"}]
    dept = SimpleNamespace(name="县教育局", status="退回修改", items=items, files=["a.xlsx", "b.xlsx"], forms=2,
                           annotated=[Path("教育局-绩效自评表-校验标注.xlsx"), Path("教育局-补报-校验标注.xlsm")],
                           notice_xlsx=None, missing=[], last_round=None)
    paras = docx.Document(str(write_notice_docx(dept, 2022, "县财政局", tmp_path / "通知.docx"))).paragraphs
    got = [(p.text, p.style.name) for p in paras if p.style.name.startswith("附件")]
    assert got == [("附件：1．县教育局-2022-教育局-绩效自评表\n-校验标注", "附件"), ("2．县教育局-2022-教育局-补报-校验标注", "附件续行")]
    # one name has no number: a name that wraps goes on under its first character (5 characters in)
    one = SimpleNamespace(**{**vars(dept), "annotated": [Path("教育局-绩效自评表-校验标注.xlsx")]})
    p = next(p for p in docx.Document(str(write_notice_docx(one, 2022, "县财政局", tmp_path / "一.docx"))).paragraphs
             if p.text.startswith("附件"))
    ind = p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ind")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert p.text == "附件：县教育局-2022-教育局-绩效自评表-校验标注" and (ind.get(f"{w}leftChars"), ind.get(f"{w}hangingChars")) == ("500", "300")


def test_a_notice_counts_as_the_ledger_does(tmp_path):
    """The notice said “须修改10处，请核实15处” where the 复核台账 says 错误 9, 警告 15 and one project not
    reported (县民政局), and “请核实11处” where it says 警告 10 (县农业农村局: a form of another year, not
    counted, listed last): it counted every numbered item by severity. Now a project not reported and
    a form not counted are said apart, and the 须修改 and 请核实 figures are the 台账's 错误 and 警告."""
    import docx
    import openpyxl

    from review_fixture import build_inbox, run_cli

    made = build_inbox(tmp_path)
    code, text = run_cli("review", str(made["inbox"]), "-o", str(tmp_path / "out"),
                         "--expected", str(made["expected"]), "--json")
    out = json.loads(text)
    ws = openpyxl.load_workbook(out["ledger"]).worksheets[0]
    head = [c.value for c in ws[3]]
    rows = {r[head.index("单位")]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[head.index("单位")]}
    seen = set()
    for d in out["departments"]:
        if not d["notice"] or not d["forms"]:
            continue
        row = rows[d["department"]]
        intro = docx.Document(d["notice"]).paragraphs[3].text
        missing = len(str(row[head.index("未报项目")] or "").split("、")) if row[head.index("未报项目")] else 0
        said = re.search(r"存在以下问题：(?:未报项目(\d+)个，)?须修改(\d+)处，请核实(\d+)处。", intro)
        assert said, intro
        assert [int(said[1] or 0), int(said[2]), int(said[3])] == [
            missing, row[head.index("须修改")], row[head.index("请核实")]], (d["department"], intro)
        items = [it for it in d["to_fix"] if it["kind"] in ("other_year", "hidden")]
        if items:
            assert f"另有{len(items)}张表未计入）" in intro, intro
        seen |= {"missing"} if missing else set()
        seen |= {"aside"} if items else set()
    assert seen == {"missing", "aside"}  # both cases are in the inbox


def test_an_item_never_puts_two_brackets_side_by_side():
    # C15 ends in its own brackets; the notice's “请核实” and “上次已指出” went after it as （…）（…）（…）;
    # then after a comma there, in brackets elsewhere (s42 QA 1): now a sentence each, after the item's own
    it = {"kind": "finding", "file": "表.xlsx", "sheet": "表1", "cell": "D7", "project": "表1", "rule": "C15",
          "severity": "warning", "again": True,
          "message": "全年预算数 20000 大于 10000 万元（请核对确是以元计的数）"}
    text = item_text(4, it)
    assert text == ("4．“表.xlsx”中“表1”工作表 D7 单元格：全年预算数 20000 大于 10000 万元（请核对确是以元计的数）。"
                    "请核实，如无误可说明理由。上次已指出。")
    assert "）（" not in item_text(4, {**it, "message": "全年预算数 20000 大于 10000 万元"})
    assert item_text(4, {**it, "message": "全年预算数偏大"}).endswith("偏大。请核实，如无误可说明理由。上次已指出。")
    assert item_text(4, {**it, "severity": "error", "again": False}).endswith("以元计的数）。")
    assert item_text(4, {**it, "severity": "error"}).endswith("以元计的数）。上次已指出。")


def test_the_mail_numbers_its_attachments_as_the_notice_does(tmp_path):
    from pathlib import Path

    from jixiao.review.notices import mail_text

    dept = SimpleNamespace(name="县教育局", status="已报送", forms=[1], annotated=True, items=[], files=[],
                           rounds=1, returned=0)
    _subject, body = mail_text(dept, 2022, "县财政局", [Path("退回修改清单.xlsx"), Path("表-校验标注.xlsx")])
    assert "    1．退回修改清单.xlsx\n    2．表-校验标注.xlsx" in body


def test_an_instruction_is_said_as_one_not_quoted_as_the_value():
    it = {"kind": "finding", "file": "表.xlsx", "sheet": "表1", "cell": "B6", "project": "表1", "rule": "G3",
          "severity": "warning", "found": "已完成",
          "message": "实际完成情况写“已完成”，但 1 个指标扣了分（“群众满意度”8/10）",
          "expected": "写明未完全达到的指标及原因（共扣 2 分）"}
    assert "，应写明未完全达到的指标及原因（共扣 2 分）。请核实" in item_text(1, it)
    g4 = {**it, "expected": "在实际完成情况或说明中写明执行率 50% 未达 100% 的原因"}
    assert "，应在实际完成情况或说明中写明执行率" in item_text(1, g4)
    assert "应为“≤ 100”" in item_text(1, {**it, "expected": "≤ 100"})


def test_an_item_asks_to_check_once_and_gives_no_second_instruction():
    # F10 on a 部门整体 form: its message asks “请核实二者”; the notice added “（请核实，如无误可说明理由）”
    f10 = {"kind": "finding", "file": "表.xlsx", "sheet": "部门整体-县民政局", "cell": "F26", "rule": "F10",
           "project": "县民政局", "severity": "warning", "found": "", "expected": "",
           "message": "指标“打击欺诈骗保督查”的评分标准写满分 5 分，与分值 10 分不一致，请核实二者，改正有误的一项"}
    text = item_text(25, f10, placed=True)
    assert text == ("25．F26 单元格：指标“打击欺诈骗保督查”的评分标准写满分 5 分，与分值 10 分不一致。"
                    "请核实二者，改正有误的一项，如无误可说明理由。")
    assert text.count("请核实") == 1
    assert item_text(25, {**f10, "again": True}, placed=True).endswith("改正有误的一项，如无误可说明理由。上次已指出。")
    # G2 “……请核实实际完成值和执行数”
    g2 = {**f10, "rule": "G2", "cell": "F12", "message": "执行率仅 10%；钱未花出而目标全部完成，请核实实际完成值和执行数"}
    assert item_text(3, g2, placed=True).count("请核实") == 1
    # F9: the message says what to do (“请补上这一档的得分”); its 应为 (for the 应为 column) is not quoted after it
    f9 = {**f10, "rule": "F9", "cell": "F14", "expected": "补上 10%–20%（不含 10%，含 20%）一档的得分",
          "message": "指标“预算调整率”的评分标准分档有空档，10%–20%（不含 10%，含 20%）没有对应的得分，"
                     "请补上这一档的得分，或改相邻一档的界限使各档衔接"}
    assert item_text(28, f9, placed=True) == ("28．F14 单元格：" + f9["message"] + "。请核实，如无误可说明理由。")
    # a warning whose message asks nothing still gets the whole note
    c9 = {**f10, "rule": "C9", "message": "指标“保障率”是比率，不会超过 100%，指标值应写作“=100%”，表中为“≥100%”"}
    assert item_text(1, c9, placed=True).endswith("表中为“≥100%”。请核实，如无误可说明理由。")
