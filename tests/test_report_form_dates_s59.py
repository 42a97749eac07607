"""The 整体绩效自评工作报告 tells the day the forms were filled as the forms give it (session 59).

Before: “对2023年度部门整体支出填报《部门整体支出绩效自评表》，报告日期为2024年3月20日” — the 成文日期 of
the documents (“设置”), while the form's own 报告日期 (E5) said 2024年3月15日: the report a department
sends contradicted the form sent with it. The project forms' sentence (“自评表填报日期为……”) did the same.
Now the sentence gives the forms' own day (several days: the first to the last), and none where the
forms give none; the 成文日期 stays the documents' own.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from docx import Document

from jixiao import reports as R
from jixiao.cli import main

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
LETTER, PROJECT, OVERALL = R.DOCUMENTS


def _texts(path: Path) -> str:
    return "".join(p.text for p in Document(str(path)).paragraphs)


def _report(tmp_path: Path, forms: list[dict], settings: str) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, d in enumerate(forms):
        paths.append(tmp_path / f"{i}.json")
        paths[-1].write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评表.xlsx"
    assert main(["fill", *map(str, paths), "-o", str(book)]) == 0
    (tmp_path / "s.yaml").write_text(settings, encoding="utf-8")
    out = tmp_path / "报告"
    assert main(["report", str(book), "-o", str(out), "--force", "--settings", str(tmp_path / "s.yaml")]) == 0
    return _texts(out / f"{OVERALL}.docx")


def test_the_whole_report_gives_the_forms_report_date_not_the_letters_date(tmp_path):
    d = json.loads((SAMPLES / "zizhou-2023" / "department.json").read_text(encoding="utf-8"))
    d["report_date"] = "2024年3月15日"
    text = _report(tmp_path / "a", [d], "成文日期: 2024年3月20日\n")
    assert "填报《部门整体支出绩效自评表》，报告日期为2024年3月15日。" in text
    assert "报告日期为2024年3月20日" not in text and text.endswith("2024年3月20日")   # the documents' own date

    d["report_date"] = None                                   # the form gives none: no day is made up
    text = _report(tmp_path / "b", [d], "成文日期: 2024年3月20日\n")
    assert "填报《部门整体支出绩效自评表》。" in text and "报告日期为" not in text


def test_the_projects_filled_on_days_are_the_forms_own(tmp_path):
    one, two = (json.loads((SAMPLES / "dachang-2022" / f"{n}.json").read_text(encoding="utf-8")) for n in ("01", "02"))
    two["filled_on"] = "2023-03-08"
    text = _report(tmp_path, [one, two], "成文日期: 2023年3月20日\n")
    assert "逐一填报《项目支出绩效自评表》，自评表填报日期为2023年3月1日至2023年3月8日。" in text
    assert "自评表填报日期为2023年3月20日" not in text
