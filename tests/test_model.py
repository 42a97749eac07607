"""The form model loads, validates and saves form.schema.json exactly."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE_IDS, SAMPLES
from jixiao.errors import FormDataError
from jixiao.forms.project.model import load_form, parse_form, save_form


@pytest.mark.parametrize("path", SAMPLES, ids=SAMPLE_IDS)
def test_sample_round_trips_exactly(path, tmp_path):
    form = load_form(path)
    out = tmp_path / "f.json"
    save_form(form, out)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(path.read_text(encoding="utf-8"))
    # ints stay ints, floats floats: the saved text equals the original data
    assert json.dumps(json.loads(out.read_text(encoding="utf-8")), ensure_ascii=False) == \
        json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)


def test_keys_left_out_stay_out(tmp_path):
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    for key in ("leader", "phone", "remark"):
        del data[key]
    del data["funds"]["other"]
    form = parse_form(data)
    assert form.to_dict() == data


@pytest.mark.parametrize("mutate, path_in_message", [
    (lambda d: d["indicators"][3].__setitem__("weight", "二十"), "indicators[3].weight"),
    (lambda d: d["funds"]["total"].__setitem__("annual", "5.6"), "funds.total.annual"),
    (lambda d: d.__setitem__("form", "部门整体支出绩效自评表"), "form"),
    (lambda d: d.pop("indicators"), "indicators"),
    (lambda d: d.__setitem__("extra_field", 1), "extra_field"),
    (lambda d: d["indicators"][0].pop("score"), "indicators[0].score"),
    (lambda d: d.__setitem__("year", "2022"), "year"),
    (lambda d: d["funds"]["fiscal"].__setitem__("executed", True), "funds.fiscal.executed"),
])
def test_malformed_form_names_file_and_field(mutate, path_in_message, tmp_path):
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    mutate(data)
    p = tmp_path / "坏表.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormDataError) as exc:
        load_form(p)
    msg = str(exc.value)
    assert "坏表.json" in msg
    assert f"字段 {path_in_message}：" in msg
    assert exc.value.exit_code == 2


def test_not_json_names_line(tmp_path):
    p = tmp_path / "x.json"
    p.write_text('{"form": ', encoding="utf-8")
    with pytest.raises(FormDataError, match=r"x\.json.*不是合法的 JSON（第 1 行"):
        load_form(p)
