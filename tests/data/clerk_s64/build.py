"""How 教育局-插在总分上方.xlsx was made (session 64): LibreOffice, headless, doing to the shipped .xlsx template
what a county 教育局's 填报人 did: filled seven indicators, then needed one more and inserted a row right above
the 总分 row (as X7 used to advise: “请在总分行上方插入一行”) — below the last row the template's 总分 formulas
sum, so the sheet's 分值合计 and 总分 leave it out. The tests read the saved workbook; run this only to make it
again: ``python tests/data/clerk_s64/build.py`` (needs LibreOffice). 部门整体-插在总分上方.xlsx: the same on the
zizhou 部门整体 form (``build_dept``); 评价表-插在总计上方.xlsx: the same on the shipped 项目支出绩效评价表
template (``EVAL``)."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from lo_basic import rebuild, typed_number, typed_text

UNIT = "某县教育局"
s, n = typed_text, typed_number


def ind(r, l1, l2, nm, tgt, act, w, sc):
    return (s(f"B{r}", l1) + s(f"C{r}", l2) + s(f"D{r}", nm) + s(f"E{r}", tgt) + s(f"F{r}", act)
            + n(f"G{r}", w) + n(f"H{r}", sc))


body = n("A2", 2024) + s("B3", "2024年家庭经济困难学生资助") + s("B4", UNIT) + s("F4", UNIT)
body += s("B5", "王某") + s("F5", "0311-7654321")
body += n("C7", 350) + n("D7", 360) + n("E7", 342) + n("F7", 10)
body += n("C8", 350) + n("D8", 360) + n("E8", 342)
body += s("B12", "资助家庭经济困难学生2000人次。") + s("F12", "资助2010人次，资金按时足额发放。")
body += ind(14, "产出指标", "数量指标", "资助学生人次", "≥2000人次", "2010人次", 15, 15)
body += ind(15, "产出指标", "质量指标", "资助对象识别准确率", "=100%", "100%", 10, 10)
body += ind(16, "产出指标", "时效指标", "资金发放及时率", "=100%", "100%", 10, 10)
body += ind(17, "产出指标", "成本指标", "生均资助标准", "≤2000元/人", "1800元/人", 15, 15)
body += ind(18, "效益指标", "社会效益指标", "因贫辍学学生数", "≤0人", "0人", 10, 10)
body += ind(19, "效益指标", "可持续影响指标", "资助政策知晓率", "≥90%", "92%", 15, 15)
body += ind(20, "满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%", "93%", 10, 10)
body += '  sh.Rows.insertByIndex(33, 1)\n'     # a row inserted above 总分 (row 34): below the formulas' G14:G33
body += ind(34, "效益指标", "社会效益指标", "资助育人活动场次", "≥10场", "12场", 5, 5)
body += s("E38", "赵某") + s("G38", "2025年3月10日") + s("I38", "0311-7654321")



def build_dept() -> None:
    """部门整体-插在总分上方.xlsx: the zizhou 部门整体 form as ``jixiao fill`` writes it, a row inserted right above
    its 总分 (row 31) with a 2-point indicator typed in, the 社会效益 分值 lowered by 2 to keep 100."""
    import json
    import subprocess
    import tempfile

    from lo_basic import run_basic

    here = Path(__file__).resolve().parent
    root = here.parents[2]
    dept = s("E31", "医保基金监管") + s("F31", "完成监管任务得满分") + n("H31", 2) + n("I31", 2) + n("H29", 13)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "部门整体.xlsx"
        subprocess.run([sys.executable, "-m", "jixiao", "fill", str(root / "jixiao/samples/zizhou-2023/department.json"),
                        "-o", str(src)], check=True, cwd=root)
        run_basic(src, here / "部门整体-插在总分上方.xlsx", '  sh.Rows.insertByIndex(30, 1)\n' + dept, Path(tmp) / "profile")


# 评价表-插在总计上方.xlsx: the shipped 评价表 template (13 三级指标, 总计 on row 21) filled by a 评价机构, a 14th
# 三级指标 typed in a row inserted right above 总计 (row 21, its 一级/二级 cells left blank as under the merged
# 项目效益/项目效果 cells above) and 社会效益's 分值 lowered from 10 to 5 to keep 100: the template's I/J sums (now
# I22/J22) stop at row 20, and so do the 项目效益/项目效果 得分 (C19/F19 sum J19:J20).
EVAL = (n("A2", 2024) + s("D3", "2024年农村饮水安全巩固提升工程") + s("D4", "某县水利局") + s("I4", "某县水务服务中心")
        + s("D5", "某某会计师事务所") + s("I5", "2025年3月20日") + n("D6", 300) + n("H6", 285))
EVAL += "".join(n(f"J{r}", v) for r, v in zip(range(8, 21), (9, 5, 4, 10, 5, 9, 5, 10, 7, 6, 6, 4, 9)))
EVAL += s("K8", "个别目标未细化量化") + s("K9", "立项依据不充分") + s("K10", "未经集体决策")
EVAL += s("K13", "组织分工不明确") + s("K16", "部分工程质量验收延迟") + s("K17", "两处工程延期完工")
EVAL += s("K19", "受益人口低于预期") + s("K20", "满意度 92%")
EVAL += n("I19", 5) + '  sh.Rows.insertByIndex(20, 1)\n'    # row 21: below the formulas' I8:I20 / J8:J20
EVAL += s("G21", "可持续影响") + s("H21", "建立长效管护机制得满分") + n("I21", 5) + n("J21", 4) + s("K21", "管护经费未落实")
EVAL += s("D23", "部分工程建设进度滞后。") + s("D24", "加强工程进度管理。")


if __name__ == "__main__":
    rebuild("项目支出绩效自评表.xlsx", Path(__file__).resolve().parent / "教育局-插在总分上方.xlsx", body)
    build_dept()
    rebuild("项目支出绩效评价表.xlsx", Path(__file__).resolve().parent / "评价表-插在总计上方.xlsx", EVAL)
    print("built")
