"""Each form kind's official name is written once, in its package (``TITLE``); the kind's
``title``, its layout, its model's "form" and the template's A1 all take it from there."""

from __future__ import annotations

import importlib
import typing
from pathlib import Path

import pytest

from jixiao.forms import KINDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_one_title_per_kind(kind):
    package = importlib.import_module(type(kind).__module__)
    layout = importlib.import_module(type(kind).__module__ + ".layout")
    model = kind.model_type()
    assert kind.title == package.TITLE == layout.TITLE
    # the model's "form" accepts exactly that name (a Literal must be spelt out for the type checker)
    assert typing.get_args(model.model_fields["form"].annotation) == (package.TITLE,)


@pytest.mark.parametrize("kind", [k for k in KINDS if k.template_file], ids=lambda k: k.key)
def test_the_template_prints_the_title(kind):
    """The committed template shows the same name in A1 of its form sheet, as a reader sees it."""
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(ROOT / "xlsx_templates" / kind.template_file))
    try:
        a1 = wb.get_sheet_by_name(kind.title).to_python(skip_empty_area=False)[0][0]
    finally:
        wb.close()
    assert a1 == kind.title


def test_the_other_names_point_at_it():
    from jixiao import dedupe, finalize
    from jixiao.forms import by_key
    from jixiao.forms.department.model import DEPT_FORM_NAME
    from jixiao.forms.evaluation.model import EVAL_FORM_NAME
    from jixiao.forms.project.model import FORM_NAME

    assert FORM_NAME == finalize.FORM_TITLE == by_key("project").title
    assert DEPT_FORM_NAME == by_key("department").title
    assert EVAL_FORM_NAME == by_key("evaluation").title
    from jixiao.forms.department.scoring import template_form

    blank = template_form()
    assert blank.form == DEPT_FORM_NAME
    assert dedupe.form_key(blank)[1] == DEPT_FORM_NAME
