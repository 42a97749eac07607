"""A 完成值 the form gives as a word is quoted in the report (s62, seen in the demo's PDF).

The 项目支出绩效自评报告 of the demo read “受益群众满意度（指标值≥95%，完成值完成）” 21 times and “完成值未完成” 14
times: the word the 填报人 wrote ran into the sentence. A word is quoted — “完成值“完成””, “指标值“减轻””; a
figure is written as it is (“完成值60个”); a blank is “未填写”.
"""

from __future__ import annotations

import re

from docx import Document

from conftest import SAMPLES
from jixiao.cli import main as cli_main


def test_words_for_values_are_quoted_and_figures_are_not(tmp_path):
    book = tmp_path / "自评.xlsx"
    assert cli_main(["fill", *(str(p) for p in SAMPLES), "-o", str(book)]) == 0
    assert cli_main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"]) in (0, 1)
    text = "\n".join(p.text for p in Document(str(tmp_path / "报告" / "项目支出绩效自评报告.docx")).paragraphs)
    assert not re.search(r"完成值(?:已|未)?完成[，）]", text), re.findall(r".{20}完成值(?:已|未)?完成[，）]", text)[:3]
    assert "完成值“完成”）" in text and "完成值“未完成”，未达到指标值" in text
    assert re.search(r"完成值\d", text)   # a figure as written
    assert not re.search(r"指标值“[^”]*\d", text)   # a figure is never quoted
