"""How 医疗保障局-部门整体-2023.xlsx was made (session 63): LibreOffice, headless, doing to the shipped
部门整体支出绩效自评表 template what a county 医疗保障局's 填报人 did by hand with the published 子洲县 2023 form
(jixiao/samples/zizhou-2023) in front of them: header figures typed (总收入 in 元), scores typed over the
formulas (得分 above 分值, a lost 3 points with no 扣分原因), 分值 changed so they no longer add to 100, the
满意度 typed as text, a 三级指标 row inserted by hand into 职责履行, the 产出 merge taken apart. The tests read the
saved workbook; run this only to make it again: ``python tests/data/clerk_dept_s63/build.py`` (needs LibreOffice)."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from lo_basic import rebuild, typed_number, typed_text

UNIT = "某县医疗保障局"


s, n = typed_text, typed_number


body = '  sh.unprotect("")\n'
body += n("A2", 2023)
body += s("E3", UNIT) + s("H3", "301001") + s("E4", "部门（单位）绩效自评") + s("H4", "部门（单位）评价组")
body += s("E5", "2024-03-16") + s("H5", "王某 0912-1234567")
body += n("E6", 7) + n("H6", 6) + n("E7", 41.98) + n("H7", 29038592) + n("E8", 2903.8592) + n("H8", 1610.1692)
body += n("E9", 1293.69) + n("H9", 0)
# the figures of the appendix, as the clerk had them
body += n("F47", 3.2) + n("F48", 3.5) + n("F49", 4) + n("F50", 1200) + n("F51", 2850) + n("F52", 53.8592)
body += n("F53", 0) + n("F54", 20) + n("F55", 20) + n("F56", 12) + n("F57", 15) + n("F58", 41.98) + n("F59", 41.98)
body += s("F60", "93%")                                      # 满意度 typed as text
for r in (61, 62, 63, 64):
    body += n(f"F{r}", 0)
# scores typed over the formulas, as on the published form
body += n("I11", 6)                                          # 得分 above 分值 5
body += n("I29", 12)                                         # 3 points lost, 扣分原因 blank
body += n("H26", 10) + n("I26", 10) + n("I27", 6) + n("I28", 9)
# a 三级指标 row inserted by hand under 质量达标率 (row 29), 医保政策宣传 as the published form has it
body += '  sh.Rows.insertByIndex(28, 1)\n'
body += s("E29", "医保政策宣传") + s("F29", "完成任务100%得5分，每少一个扣0.5分") + n("H29", 5) + n("I29", 5)
# the 产出 merge taken apart to type 产出 again beside the new row
body += '  sh.getCellRangeByName("A26:A28").merge(False)\n'
body += s("A29", "产出")
body += s("J31", "医保政策宣传力度不够，群众知晓率不高。")
# 评价小组
team = [("王某", "局长"), ("李某", "副局长"), ("张某", "财务员")]
for k, (who, title) in enumerate(team):
    r = 35 + k
    body += s(f"C{r}", who) + s(f"F{r}", title) + s(f"G{r}", UNIT)
body += s("A43", "同意评价组自评结果。")
body += '  sh.protect("")\n'
# 设置
body += '  sh = doc.Sheets.getByName("设置")\n'
body += s("B2", UNIT) + s("B4", "县医保函〔2024〕5号") + s("B6", "《关于开展2023年度预算绩效自评工作的通知》")
body += s("B9", "王某") + s("B10", "0912-1234567") + s("B12", "ybj@example.gov.cn") + s("B13", "jxk@example.gov.cn")

if __name__ == "__main__":
    rebuild("部门整体支出绩效自评表.xlsx", Path(__file__).resolve().parent / "医疗保障局-部门整体-2023.xlsx", body)
    print("built")
