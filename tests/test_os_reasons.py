"""What the system refused, said once and in Chinese (``errors.os_reason``), and every JSON
form read through the same guard as a workbook (issue #13).

Before: ``fill`` and ``score`` opened a form JSON without ``guard.check_input``, so a FIFO named
``x.json`` hung ``fill`` for ever; a folder given as a JSON said "无法读取（错误号 21）"; an output
that could not be created said "无法写入（系统错误 2）"; and ``score`` printed an empty table
over the error when nothing could be read.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.errors import FormDataError, JixiaoError, UnsafeFileError, os_reason
from jixiao.fileio import atomic_path
from jixiao.forms.project.model import read_json

ROOT = Path(__file__).resolve().parents[1]


def _cli(args, capsys):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("no", [errno.ENOENT, errno.EISDIR, errno.EACCES, errno.ENOTDIR, errno.ENOSPC,
                                errno.EROFS, errno.ENAMETOOLONG, errno.EIO, errno.EBUSY])
def test_common_errnos_have_words_not_numbers(no):
    for writing in (False, True):
        why = os_reason(OSError(no, os.strerror(no)), writing=writing)
        assert "系统错误" not in why and str(no) not in why
        assert all(ord(ch) > 127 for ch in why if ch.isalpha())  # Chinese, not the C library's English


def test_reading_and_writing_say_different_things_where_it_matters():
    assert os_reason(OSError(errno.ENOENT, "x")) == "文件不存在"
    assert "文件夹不存在" in os_reason(OSError(errno.ENOENT, "x"), writing=True)
    assert "写入" in os_reason(OSError(errno.EACCES, "x"), writing=True)
    assert os_reason(OSError(9999, "x")) == "系统错误 9999"  # an unknown one still names itself


def test_fifo_named_json_is_refused_not_opened(tmp_path):
    fifo = tmp_path / "表.json"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeFileError, match="命名管道"):
        read_json(fifo)
    try:  # in a child: a regression would block ``open`` for ever
        r = subprocess.run([sys.executable, "-m", "jixiao.cli", "fill", str(fifo), "-o", str(tmp_path / "o.xlsx")],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("fill 打开了命名管道并一直等待")
    assert r.returncode == 2
    assert "命名管道" in r.stderr and "表.json" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o.xlsx").exists()


def test_folder_given_as_a_json_says_so(tmp_path, capsys):
    d = tmp_path / "表.json"
    d.mkdir()
    with pytest.raises(JixiaoError, match="是文件夹，不是文件"):
        read_json(d)
    rc, out, err = _cli(["fill", d, "-o", tmp_path / "o.xlsx"], capsys)
    assert rc == 2 and "是文件夹" in err and "错误号" not in err


def test_unreadable_json_names_the_reason(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root 可读任何文件")
    p = tmp_path / "表.json"
    p.write_text("{}", encoding="utf-8")
    p.chmod(0)
    with pytest.raises(JixiaoError, match="没有读取权限"):
        read_json(p)


def test_output_that_cannot_be_created_says_why(tmp_path):
    target = Path("/proc/jixiao-test/汇总表.xlsx")  # a folder nobody can make
    with pytest.raises(JixiaoError) as e:
        with atomic_path(target) as tmp:
            Path(tmp).write_bytes(b"x")
    assert "无法写入" in str(e.value) and "系统错误" not in str(e.value)


def test_score_of_nothing_readable_prints_no_empty_table(tmp_path, capsys):
    p = tmp_path / "坏.json"
    p.write_text("{not json", encoding="utf-8")
    rc, out, err = _cli(["score", p], capsys)
    assert rc == 2 and "坏.json" in err
    assert "复核得分" not in out and out.strip() == ""


def test_bad_json_is_still_a_form_data_error(tmp_path):
    p = tmp_path / "表.json"
    p.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FormDataError, match="UTF-8"):
        read_json(p)


def test_option_files_are_never_opened_when_special(tmp_path, capsys):
    """--rules (YAML) and --report (.docx/.md) are read through the guard like the forms: a FIFO
    hung ``check --rules`` and was called “报告文件不存在” by ``--report``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
    from hostile import base_workbook

    book = tmp_path / "表.xlsx"
    book.write_bytes(base_workbook(1, 1))
    for name, opt in (("规则.yaml", "--rules"), ("报告.docx", "--report"), ("报告.md", "--report")):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        try:
            r = subprocess.run([sys.executable, "-m", "jixiao.cli", "check", str(book), opt, str(fifo)],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            pytest.fail(f"check {opt} 打开了命名管道并一直等待")
        assert r.returncode == 2, (opt, r.stderr)
        assert "命名管道" in r.stderr and name in r.stderr and "不存在" not in r.stderr


def test_settings_file_in_another_encoding_says_so(tmp_path, capsys):
    from jixiao.core.settings import load_mapping_file

    p = tmp_path / "规则.yaml"
    p.write_bytes("阈值: {}".encode("gb18030"))
    with pytest.raises(JixiaoError, match="不是 UTF-8 编码") as e:
        load_mapping_file(p, "校验规则设置文件")
    assert "Error" not in str(e.value)  # no exception class names in what a user reads


def test_finalize_names_the_file_once(tmp_path, capsys):
    fifo = tmp_path / "表.xlsx"
    os.mkfifo(fifo)
    rc, out, err = _cli(["finalize", fifo, "-o", tmp_path / "定稿"], capsys)
    assert rc == 2 and "无法定稿：是命名管道" in err
    assert err.count(str(fifo)) == 1


def test_a_report_given_as_a_form_says_how_to_check_it(tmp_path, capsys):
    p = tmp_path / "自评报告.docx"
    p.write_bytes(b"PK\x03\x04")
    rc, out, err = _cli(["check", p], capsys)
    assert rc == 2 and "--report" in out + err and "自评报告.docx" in out + err
