"""The form-kind registry: every kind finds the function behind each of its operations."""

import pytest

from jixiao.forms import KINDS
from jixiao.forms.base import DEFAULT_PARTS, FormKind


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_every_operation_of_every_kind_resolves_to_a_function(kind):
    for operation in {*DEFAULT_PARTS, *kind.parts}:
        assert callable(kind.part(operation)), f"{kind.key}: {operation}"


def test_an_operation_a_kind_does_not_have_is_none():
    assert all(k.part("check_cross") is None for k in KINDS if k.key != "project")
    assert callable(next(k for k in KINDS if k.key == "project").part("check_cross"))


def test_a_misspelt_attribute_in_the_class_line_is_an_error():
    with pytest.raises(TypeError, match="tilte"):
        class Bad(FormKind, key="bad", tilte="错"):  # noqa: F841 - the class statement itself must fail
            pass


def test_each_kind_builds_its_template_through_its_parts():
    """Each kind builds its blank template through its parts, with its title in A1."""
    for kind in KINDS:
        wb = kind.template_workbook()
        assert wb is not None and kind.title in str(wb.worksheets[0]["A1"].value or ""), kind.key
