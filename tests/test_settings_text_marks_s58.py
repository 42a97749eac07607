"""What a department types into the 设置 (存在的问题, 整改措施, 联系电话) as the documents it sends print it (stop 58 QA).

A 整改措施 typed “1.加强预算编制.\\n2.细化绩效目标;\\n3、加强培训。” was printed so in both reports: a half-width “.” closing
a Chinese sentence and ordinals “1.” and “3、” beside the reports' own “1．” (GB/T 9704, GB/T 15834); a 存在的问题 typed
“……现象仍然存在。。” or “……水平不高，。” printed “。。” and “，。”; a 联系电话 “0316 8812345” printed as typed (and, closed
up, “03168812345”)."""

from __future__ import annotations

import pytest

from jixiao.core.settings import Settings
from jixiao.reports.text import phone_text, setting_text, zh_text


@pytest.mark.parametrize("typed, printed", [
    ("1.加强预算编制.", "1．加强预算编制。"),
    ("2.细化绩效目标;", "2．细化绩效目标；"),
    ("3、加强培训。", "3．加强培训。"),
    ("工作未完成;2.完成验收", "工作未完成；2．完成验收"),
    ("现象仍然存在。。", "现象仍然存在。"),
    ("信息化水平不高,。", "信息化水平不高。"),
    ("结余资金已收回财政. 下一步加强管理", "结余资金已收回财政。下一步加强管理"),
    ("完成率98.5%.", "完成率98.5%。"),
    # figures, a list of numbers, an ellipsis, a file name: as typed
    ("PM2.5浓度下降1.5个百分点", "PM2.5浓度下降1.5个百分点"),
    ("第1、2项", "第1、2项"),
    ("2023.3.1前完成", "2023.3.1前完成"),
    ("详见报告.docx", "详见报告.docx"),
    ("等等……", "等等……"),
    # an ellipsis typed otherwise: GB/T 15834's “……” (“。。。” was printed as one “。”)
    ("加强管理等。。。", "加强管理等……"), ("存在问题...", "存在问题……"), ("问题…", "问题……"),
    ("共3...5项", "共3...5项"),
])
def test_typed_marks_as_chinese_text_prints_them(typed, printed):
    assert zh_text(typed) == printed


@pytest.mark.parametrize("typed, printed", [
    ("0316 8812345", "0316-8812345"), ("0316 - 8812345 ", "0316-8812345"), ("0316 881 2345", "0316-8812345"),
    ("010 12345678", "010-12345678"), ("138 1234 5678", "13812345678"), ("0316-8812345", "0316-8812345"),
    ("0316-8812345 13812345678", "0316-8812345 13812345678"), ("0316-8812345转801", "0316-8812345转801"),
])
def test_a_phone_typed_with_gaps(typed, printed):
    assert phone_text(typed) == printed
    assert setting_text(Settings(phone=typed), "phone") == printed
