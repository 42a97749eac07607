"""Render the README's pictures from the files the code builds (run by hand; a test uses it too).

    .venv/bin/python docs/make_pictures.py [OUTDIR]     # default: docs/pictures

Builds, with the ``jixiao`` commands themselves: the blank template, a filled form (the one
embedded sample without errors, 11.json), an annotated copy of a form with errors (10.json),
the 汇总表 of the 23 samples, the three documents a department sends (from the form without
errors) and the 校验报告 (from all 23). LibreOffice prints each to PDF and poppler renders the
page shown to PNG at ~100 dpi, reduced to a 32-colour palette so that each stays under 150 KB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.cli import main as jixiao, sample_paths  # noqa: E402
from jixiao.excel.office import convert  # noqa: E402

DPI = 100
MAX_BYTES = 150_000
TEMPLATE = ROOT / "xlsx_templates" / "项目支出绩效自评表.xlsx"
CLEAN, WITH_ERRORS = "11.json", "10.json"


def sample(name: str) -> Path:
    return next(p for p in sample_paths() if p.name == name)


def build(work: Path) -> dict[str, tuple[Path, str]]:
    """Every file a picture shows: name -> (file, which page: "first" or "last")."""
    work.mkdir(parents=True, exist_ok=True)
    filled = work / "填好的自评表.xlsx"
    errors = work / "有错误的自评表.xlsx"
    annotated = work / "标注副本.xlsx"
    summary = work / "汇总表.xlsx"
    reports, check_reports = work / "报告", work / "校验"
    quiet = [  # each step is a jixiao command, as a user runs it
        ["fill", str(sample(CLEAN)), "-o", str(filled)],
        ["fill", str(sample(WITH_ERRORS)), "-o", str(errors)],
        ["check", str(errors), "--annotate", str(annotated)],
        ["summarize", *map(str, sample_paths()), "-o", str(summary)],
        ["report", str(filled), "-o", str(reports)],
        ["report", *map(str, sample_paths()), "-o", str(check_reports), "--force"],
    ]
    for argv in quiet:
        code = jixiao(argv)
        if argv[0] != "check" and code not in (0,):
            raise SystemExit(f"jixiao {argv[0]} 失败（退出码 {code}）")
    return {
        "template": (TEMPLATE, "first"),
        "filled": (filled, "first"),
        "annotated": (annotated, "last"),  # the 校验结果 sheet comes first, the marked form last
        "summary": (summary, "first"),
        "letter": (reports / "报送函.docx", "first"),
        "project-report": (reports / "项目支出绩效自评报告.docx", "first"),
        "overall-report": (reports / "整体绩效自评工作报告.docx", "first"),
        "check-report": (check_reports / "校验报告.docx", "first"),
    }


def to_png(src: Path, page: str, target: Path, dpi: int = DPI) -> Path:
    """One page of ``src`` (LibreOffice → PDF → pdftoppm), as a small grey-palette PNG."""
    from PIL import Image

    from jixiao.reports import pdf_env

    with tempfile.TemporaryDirectory(prefix="jixiao-pic-") as d, pdf_env() as env:
        pdf = convert(src, "pdf", Path(d), env=env)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        n = 1 if page == "first" else pages
        stem = Path(d) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(n), "-l", str(n), "-singlefile",
                        str(pdf), str(stem)], check=True, capture_output=True)
        img = Image.open(str(stem) + ".png").convert("RGB").quantize(colors=32)  # the marks keep their colours
        target.parent.mkdir(parents=True, exist_ok=True)
        img.save(target, optimize=True)
    if target.stat().st_size > MAX_BYTES and dpi > 60:
        return to_png(src, page, target, dpi - 15)
    return target


def make(outdir: Path) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="jixiao-pictures-") as d:
        return [to_png(src, page, outdir / f"{name}.png") for name, (src, page) in build(Path(d)).items()]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "pictures"
    if shutil.which("soffice") is None:
        raise SystemExit("需要 LibreOffice（soffice）")
    for p in make(out):
        print(f"{p}（{p.stat().st_size // 1000} KB）")
