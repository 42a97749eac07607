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
