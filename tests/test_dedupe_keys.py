"""The key that decides "the same project sent twice" (``dedupe.form_key``): NFKC, no whitespace.

``_norm`` drops whitespace with ``str.split()`` instead of a ``\\s+`` regex (issue #18); the two
must agree on every code point, or a project would count twice (or vanish) in one release and
not in the other."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from jixiao import dedupe
from jixiao.cli import sample_paths
from jixiao.sources import load_all


def _regex_norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def test_split_and_regex_drop_the_same_code_points():
    differ = [hex(cp) for cp in range(sys.maxunicode + 1)
              if dedupe._norm(chr(cp)) != _regex_norm(chr(cp))]
    assert differ == []


def test_norm_matches_the_regex_on_mixed_texts():
    rng = random.Random(26)
    alphabet = "项目 名称\u3000\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2000\u2028\u2029\u202f\u205f（）ＡＢ１２ﾊﾟ①"
    for _ in range(2000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert dedupe._norm(s) == _regex_norm(s)
    assert dedupe._norm(None) == "" == dedupe._norm("")


def test_form_key_ignores_width_and_spacing():
    form = load_all([sample_paths()[0]]).forms[0].form
    a = form.model_copy(update={"unit": "县 医疗保障局", "authority": None, "project": "家庭医生签约服务费（２０２２）"})
    b = form.model_copy(update={"unit": "县医疗保障局", "authority": "x", "project": "家庭医生 签约服务费(2022)"})
    assert dedupe.form_key(a) == dedupe.form_key(b) == ("县医疗保障局", "家庭医生签约服务费(2022)")


def test_identical_files_are_found_and_only_files_of_a_shared_size_are_hashed(tmp_path, monkeypatch):
    src = sample_paths()[0]
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    a.write_bytes(src.read_bytes())
    b.write_bytes(src.read_bytes())          # the same bytes: left out, naming a
    data = bytearray(src.read_bytes())
    data[-1] ^= 1
    c.write_bytes(bytes(data))               # the same size, other bytes: kept
    d = tmp_path / "d.xlsx"
    d.write_bytes(src.read_bytes() + b"\0")  # a size of its own: kept without hashing
    hashed: list[str] = []
    real = dedupe._digest
    monkeypatch.setattr(dedupe, "_digest", lambda p: hashed.append(p.name) or real(p))
    kept, aside = dedupe.screen_files([a, b, c, d])
    assert kept == [a, c, d]
    assert [(x.file, x.kind, x.replaced_by) for x in aside] == [(str(b), "duplicate", str(a))]
    assert sorted(hashed) == ["a.xlsx", "b.xlsx", "c.xlsx"]
