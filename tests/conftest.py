"""Shared fixtures: the embedded sample forms, and LibreOffice runs shared per session."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from jixiao.cli import sample_paths
from jixiao.forms.project.model import load_form
from jixiao.core.numbers import written_number

os.environ.setdefault("JIXIAO_NO_CACHE", "1")  # tests never reuse results kept by a run (jixiao.resultcache)
SAMPLES = sample_paths()
SAMPLE_IDS = [p.stem for p in SAMPLES]
ARTIFACTS = Path(os.environ.get("JIXIAO_ARTIFACTS", Path(__file__).resolve().parent.parent / "out" / "test-artifacts"))


@pytest.fixture(scope="session")
def sample_forms():
    return [load_form(p) for p in SAMPLES]


@pytest.fixture(scope="session")
def sample_json():
    return [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def need_libreoffice():
    from jixiao.excel.office import soffice_path

    if soffice_path() is None:
        if os.environ.get("JIXIAO_NO_LIBREOFFICE") == "1":
            pytest.skip("JIXIAO_NO_LIBREOFFICE=1：跳过 LibreOffice 测试")
        pytest.fail("LibreOffice（soffice）未安装：请用 ./dev.sh test 运行测试，它会安装")


def same_value(a, b) -> bool:
    """Values compared as a reviewer would: numbers as numbers ("92.5%" = 0.925)."""
    a, b = written_number(a), written_number(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def diff_forms(expected, got, path="") -> list[str]:
    """Field-by-field differences between two forms as data (missing fund row = all blank)."""
    out: list[str] = []
    if isinstance(expected, dict) or isinstance(got, dict):
        expected, got = expected or {}, got or {}
        for k in sorted(set(expected) | set(got)):
            out += diff_forms(expected.get(k), got.get(k), f"{path}.{k}" if path else k)
    elif isinstance(expected, list) or isinstance(got, list):
        expected, got = expected or [], got or []
        if len(expected) != len(got):
            return [f"{path}: {len(expected)} 项 ≠ {len(got)} 项"]
        for i, (a, b) in enumerate(zip(expected, got)):
            out += diff_forms(a, b, f"{path}[{i}]")
    elif not same_value(expected, got) and not (path == "exec_rate" and _rate_as_shown(expected, got)):
        out.append(f"{path}: {expected!r} ≠ {got!r}")
    return out


def _rate_as_shown(expected, got) -> bool:
    """A 执行率 written “74.11%” comes back from our template as its formula's 0.741136…, shown 74.11% alike
    (``excel.sheet.agrees_as_shown``: the written rate keeps the formula since s61)."""
    from jixiao.excel.sheet import agrees_as_shown

    return agrees_as_shown(written_number(expected), written_number(got))


def with_settings(book: Path, rows) -> Path:
    """``book`` with a 设置 sheet of these rows (label | value), as a 填报人 fills it."""
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("设置")
    for row in rows:
        ws.append(list(row))
    wb.save(book)
    return book


def calculated_blank(data: dict, tmp_path: Path, name: str = "first.xlsx") -> Path:
    """The form ``data`` (a project form's JSON) with every score blank, written to a workbook and
    taken through one 计算 (FileHost): the copy 计算 saved, in ``tmp_path``."""
    from jixiao.actions import FileHost, calc
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import parse_form

    data = json.loads(json.dumps(data))
    for ind in data["indicators"]:
        ind["score"] = None
    src = write_forms([parse_form(data)], tmp_path / "blank.xlsx")
    host = FileHost(str(src), str(tmp_path / name))
    calc(host)
    host.save()
    return tmp_path / name
