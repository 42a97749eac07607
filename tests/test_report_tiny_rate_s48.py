"""R2 and a rate the forms show as “0.01%”.

``numbers.pct`` never shows a rate above 0 as 0%: 50 元 spent of a 1,000 万元 budget (0.0005 %) is “0.01%” in
the form's 执行率, in the reports jixiao writes and in any report copied from them. R2 compared 0.01 with
0.0005 and called the reports wrong (“报告写‘执行率0.01%’，项目的执行率为 0.01%”): jixiao's own reports
failed their own check. Found by checking generated reports of random edge forms against their forms.
"""

from __future__ import annotations

import json

from conftest import SAMPLES
from docx import Document

from jixiao import reports as R
from jixiao.reportcheck import check_report
from jixiao.sources import load_all


def test_a_report_of_a_tiny_rate_passes_its_own_form(tmp_path):
    d = json.loads(SAMPLES[6].read_text(encoding="utf-8"))   # 07 聘请法律顾问
    for row in ("total", "fiscal"):
        d["funds"][row].update(initial=1000, annual=1000, executed=0.005)
    d["exec_rate"], d["exec_score"] = "0.01%", 0
    d["total_score"] = 90
    form = tmp_path / "07.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    b = load_all([form])
    paths = [p for p in R.build_reports(b, None, tmp_path / "out", force=True) if p.stem != R.CHECK_NAME]
    text = "\n".join(p.text for path in paths for p in Document(str(path)).paragraphs)
    assert "执行率0.01%" in text or "执行率为0.01%" in text
    for path in paths:
        assert [(f.rule, f.message) for f in check_report(path, b.forms, None) if f.rule == "R2"] == [], path.name
