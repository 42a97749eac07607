"""The documents that go out with the workbooks: 报送函、项目支出绩效自评报告、整体绩效自评工作报告.

Written from the forms so that no number is typed twice. ``context.build_context`` turns the forms,
their scores (``scoring``), the checker's findings (``check``), the totals (``summary``) and
the settings (``settings``) into plain strings; the docxtpl templates in ``report_templates/``
only place those strings. Every figure is formatted here, once, by ``text.money``/``text.pct``/``text.num``:

- **Money** (万元) as the forms' 万元 cells show it (0.00####): 22.00, 5.18, 1.995 — never rounded to two;
  totals are the exact sums (568.64, 425.395), float noise removed. A 全年执行数 or 全年预算数 that looks
  like 元 beside the other is read in 万元 as the 复核 and the 汇总表 read it (``core.rates.read_funds``; the
  年初预算数 beside it, ``core.rates.read_initial``), and marked 【待核实】 where the findings name it.
- **Rates** (执行率) are 全年执行数 ÷ 全年预算数 as the 执行率 cell (0.00%) prints them: rounded half-up to
  2 decimals (92.50%, 74.11%, 100.00%). A rate below 100% is never shown as 100%
  (99.996% → 99.99%), and a rate above 0 never as 0%.
- **Scores** as the forms and the scorer give them (97.75, 99.25).

Wording follows the numbers: a 资金 clause says 不存在偏差 only when 执行数 equals 预算数; a
project under 100% gets its 结余 and 存在偏差; a 实际完成情况 that claims 完成 while money was
left or indicators fell short is qualified with the figures. 存在的问题 comes from those
deviations, the 偏差原因 written on the forms and the checker's errors. Wherever a value the
forms do not hold is missing from the settings (文号, 来文, 联系人 …), the text says 【待填写】,
highlighted in yellow in the .docx.

The package, by what each module holds: ``text`` (formatting), ``facts`` (verdicts, ``Project``,
``collect``), ``prose`` (sentences about one project), ``context`` (every string a template places,
the settings merge), ``render`` (docxtpl, the refusal on forms with errors), ``fonts`` (fontconfig
for the LibreOffice subprocess only), ``checkreport`` (the reviewer's 校验报告.docx). The documents a
department sends never mention the checker; its findings and 复核得分 are in 校验报告.docx only.
"""

from .checkreport import CHECK_NAME, TARGET_RULES, check_summary, findings_text, kinds_text, message_text, write_check_report
from .context import build_context, report_settings
from .facts import GROUPS, Project, ReportData, collect, group_of, verdict
from .fonts import fontconfig_xml, pdf_env, to_pdf
from .prose import funds_clause, goal_clause, group_lines, indicator_summary
from .render import DOCUMENTS, ReportRefused, build_reports, render, report_folder, report_outputs
from .text import CHECK, CN_DIGITS, ORD, clean_text, cn_number, date_text, doc_text, money, num, pct, score2

__all__ = ["CHECK", "CHECK_NAME", "CN_DIGITS", "DOCUMENTS", "GROUPS", "ORD", "TARGET_RULES", "Project", "report_folder", "report_outputs",
           "ReportData", "ReportRefused", "build_context", "build_reports", "check_summary", "clean_text", "doc_text",
           "cn_number", "collect", "date_text", "findings_text", "fontconfig_xml", "funds_clause", "goal_clause",
           "group_lines", "group_of", "indicator_summary", "kinds_text", "message_text", "money", "num", "pct",
           "pdf_env", "render", "report_settings", "score2", "to_pdf", "verdict", "write_check_report"]
