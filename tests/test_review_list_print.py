"""The 退回修改清单 and the 退回修改通知 as LibreOffice prints them: no cell cut off, no name broken badly."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from jixiao.review.run import Department

# what the rules write (H-rule's 应为, the 表中为 of an E-rule in 医保局's list): seven lines each in their
# 14-wide columns, each printed without the lower half of its last line (s41 QA item 6) — the row planned at
# 15 pt a line, LibreOffice printing 16
LONG_EXPECTED = "时限（如“每月 10 日前”“≤30 天”）或及时率（如“=100%”），或把指标归入数量指标"
LONG_FOUND = "与“关于下达 2022 年省级财政困难群众基本生活补助资金的通知冀财社[2022]178 号”相同"


def _item(cell: str, message: str, found: str, expected: str) -> dict:
    return {"kind": "finding", "file": "县民政局/民政局-绩效自评表.xlsx", "sheet": "医疗保障服务经费", "cell": cell,
            "project": "医疗保障服务经费", "rule": "G3", "severity": "error", "message": message,
            "found": found, "expected": expected}


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """Every printed word of the PDF's first page: (xMin, yMin, yMax, text)."""
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    unescape = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
    return [(float(x), float(y0), float(y1), re.sub("&(lt|gt|amp);", lambda m: unescape[m.group(0)], text))
            for x, y0, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', html)]


def _cell_lines(words: list[tuple[float, float, float, str]], text: str) -> list[tuple[float, float, str]]:
    """The printed lines (yMin, yMax, text) of the wrapped cell holding ``text``: from the word that starts
    it, the words at its column's left edge and right of it (less than a 14-wide column) below it, line by
    line, until the text is whole."""
    want = text.replace(" ", "")
    first = next(w for w in words if w[3] and want.startswith(w[3]))
    band = sorted((w for w in words if first[0] - 0.5 <= w[0] < first[0] + 60 and w[1] >= first[1] - 3),
                  key=lambda w: w[1])
    rows: list[list[tuple[float, float, float, str]]] = []
    for w in band:  # a line's words (digits sit a little higher than CJK characters)
        if rows and w[1] < rows[-1][0][1] + 5:
            rows[-1].append(w)
        else:
            rows.append([w])
    got, out = "", []
    for row in rows:
        line = "".join(w[3] for w in sorted(row))
        if not want.startswith(got + line):
            break
        got += line
        out.append((min(w[1] for w in row), max(w[2] for w in row), line))
    assert got == want, (got, want)
    return out


def test_a_long_expected_and_found_print_whole_in_the_list(tmp_path):
    """Each row is as tall as its tallest wrapped cell, the narrow 表中为 and 应为 too: in LibreOffice's PDF
    the last line of a long 应为 and of a long 表中为 ends above the next row's text (a row planned at
    15 pt a line printed them over it, cut at the row's edge)."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert
    from jixiao.review.notices import write_notice_xlsx

    need_libreoffice()
    items = [_item("I14", "实际完成情况写“已完成”，但有指标扣了分", "已完成", LONG_EXPECTED),
             _item("D14", "本项目的绩效指标与另一个项目逐条相同", LONG_FOUND, "本项目自己的绩效指标"),
             _item("F20", "第三项问题", "1", "2")]
    dept = Department(name="县民政局", files=["县民政局/民政局-绩效自评表.xlsx"], forms=1, status="退回修改",
                      items=items, kinds=["project"])
    xlsx = write_notice_xlsx(dept, 2022, tmp_path / "退回修改清单.xlsx")
    words = _words(convert(xlsx, "pdf", tmp_path / "pdf"))
    for text, below in ((LONG_EXPECTED, "本项目的绩效指标与另一个项目逐条相同"), (LONG_FOUND, "第三项问题")):
        cell = _cell_lines(words, text)
        assert len(cell) >= 6, cell  # wrapped in its narrow column
        next_row = next(w for w in words if w[3].startswith(below))
        assert cell[-1][1] <= next_row[1], (text, cell[-1], next_row)  # its last line above the next row


def test_a_long_attachment_name_leaves_no_character_alone_on_a_line(tmp_path):
    """GB/T 9704 7.3.6: a long 附件 name goes on under its first character; LibreOffice printed
    “2．医保局 2022 年度项目支出绩效自评表-校验标” over “注” alone (s41 QA item 12). The name now
    breaks before “-校验标注”, and no line of the 附件说明 holds one or two characters."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert
    from jixiao.review.notices import attachment_lines, write_notice_docx

    need_libreoffice()
    long = "医保局2022年度项目支出绩效自评表-校验标注"
    dept = Department(name="大厂回族自治县医疗保障局", files=["医保局/医保局2022年度项目支出绩效自评表.xlsx"], forms=1,
                      status="退回修改", items=[_item("E4", "问题", "1", "2")], kinds=["project"],
                      notice_xlsx=Path("退回修改清单.xlsx"),
                      annotated=[Path(f"{long}.xlsx"), Path("医保局汇总表-校验标注.xlsx")])
    # named as the mail attaches them (stop 60), each broken after a “-” between its parts
    unit = "大厂回族自治县医疗保障局-2022-"
    assert attachment_lines(dept, 2022, 2) == [f"附件：1．{unit}\n退回修改清单-第2轮",
                                               f"2．{unit}\n医保局2022年度项目支出绩效自评表\n-校验标注-第2轮",
                                               f"3．{unit}\n医保局汇总表-校验标注-第2轮"]
    pdf = convert(write_notice_docx(dept, 2022, "县财政局", tmp_path / "通知.docx", round_no=2), "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [ln.strip() for ln in text.splitlines()]
    k = next(k for k, ln in enumerate(lines) if ln.startswith("附件："))
    block = lines[k:lines.index("", k)]  # the 附件说明, to the blank line above the signature
    assert len(block) == 7, block
    names = []
    for ln in block:
        ln = ln.replace(" ", "")
        if re.match(r"(附件：)?\d+．", ln):
            names.append(re.sub(r"^(附件：)?\d+．", "", ln))
        else:  # a name going on
            assert len(ln) >= 3, block
            names[-1] += ln
    assert names == [f"{unit}退回修改清单-第2轮", f"{unit}{long}-第2轮", f"{unit}医保局汇总表-校验标注-第2轮"]


def test_a_long_attachment_name_breaks_where_libreoffice_would():
    """A name with a 发文字号 was broken after “〔” (“县财绩〔” over “2024〕12号…”) or between “〔2024〕” and
    “12号”: the notices had a rule of their own, which knew neither “〔” as an opening mark nor that the
    figure after “〕” goes with it. They break where the letter's fit does (``reports.text.break_units``)."""
    from jixiao.review.notices import attachment_name_lines

    for k in (12, 14):
        name = "一" * k + "县财绩〔2024〕12号补充材料说明文件"
        assert attachment_name_lines(name) == "一" * k + "县财绩\n〔2024〕12号补充材料说明文件"
    assert attachment_name_lines("医保局2022年度项目支出绩效自评表-校验标注") == "医保局2022年度项目支出绩效自评表\n-校验标注"
