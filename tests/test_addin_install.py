"""`jixiao addin install` end to end on Linux, as on a Chinese Windows desktop: a profile
folder named 张三, config files in cp936, xlwings' real command line (xlwings.cli:main);
only the Excel/COM answers and Windows' ANSI default stood in (tests/fake_windows.py).
Then the installed add-in's own VBA (pyOpenVBA) finds the interpreter the installer wrote.
The last test builds a wheel, installs it into a fresh virtual environment in a folder
with Chinese characters, and installs the add-in from there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import xlwings

from jixiao import addin_setup
from jixiao.cli import REPO_TEMPLATES
from jixiao.excel.macro_package import XLSM_NAME
from vba_host import env_for, open_in_vba

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DLL = f"xlwings64-{xlwings.__version__}.dll"


def fake_windows(python: str, home: Path, *args: str, cwd: Path = TESTS) -> subprocess.CompletedProcess:
    env = dict(os.environ, **env_for(home), HOME=str(home), FAKE_ANSI="cp936", PYTHONIOENCODING="utf-8")
    env.pop("PYTHONPATH", None)
    return subprocess.run([python, str(TESTS / "fake_windows.py"), *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def check_installed(home: Path, python: str) -> Path:
    """What install must leave: both add-ins in XLSTART, both user configs in cp936 naming
    `python`; and the VBA of the installed .xlam and of the .xlsm template reading it back."""
    xlstart = home / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART"
    assert (xlstart / "xlwings.xlam").exists()
    xlam = xlstart / "jixiao.xlam"
    assert addin_setup._xlam_dll(xlam) == DLL
    for project in ("xlwings", "jixiao"):
        conf = home / f".{project}" / f"{project}.conf"
        text = conf.read_bytes().decode("cp936")
        assert f'"INTERPRETER_WIN","{python}"\r\n' in text and '"UDF MODULES","addin.udfs"\r\n' in text
    for package in (xlam, REPO_TEMPLATES / XLSM_NAME):
        app = open_in_vba(package, env_for(home))
        assert app.evaluate('GetConfig("INTERPRETER_WIN")') == python
        assert app.evaluate('GetConfig("UDF MODULES")') == "addin.udfs"
    return xlam


def test_install_on_a_chinese_profile(tmp_path):
    home = tmp_path / "Users" / "张三"
    old = home / "AppData" / "Local" / "旧的Python" / "python.exe"
    conf = home / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir(parents=True)
    # what xlwings wrote earlier for another Python, in the ANSI code page (this crashed the old installer)
    conf.write_bytes(f'"INTERPRETER_WIN","{old}"\r\n"SHOW CONSOLE","False"\r\n'.encode("cp936"))
    run = fake_windows(sys.executable, home, "addin", "install")
    assert run.returncode == 0, run.stderr + run.stdout
    assert f"原为 {old}" in run.stdout and "已安装 绩效自评 加载项" in run.stdout
    check_installed(home, sys.executable)
    assert '"SHOW CONSOLE","False"' in conf.read_bytes().decode("cp936")  # the user's other settings stay

    status = fake_windows(sys.executable, home, "addin", "status")
    lines = status.stdout.splitlines()
    assert [ln[0] for ln in lines[:4]] == ["✓"] * 4, status.stdout
    assert lines[-1].startswith("✗") and DLL in lines[-1]  # no Windows DLL here: status says exactly that
    assert status.returncode == 1


def test_status_says_what_is_missing(tmp_path):
    home = tmp_path / "Users" / "李四"
    run = fake_windows(sys.executable, home, "addin", "status")
    out = run.stdout
    assert run.returncode == 1
    assert "✗ xlwings 加载项不在" in out and "✗ 绩效自评 加载项不在" in out
    assert out.count("的 Python 未设置") == 2 and out.count("jixiao addin install") >= 4


def test_write_conf_refuses_a_path_the_code_page_cannot_hold(tmp_path):
    conf = tmp_path / "xlwings.conf"
    with pytest.raises(addin_setup.AddinError, match="代码页"):
        addin_setup.write_conf(conf, {"INTERPRETER_WIN": "C:\\Users\\김철수\\python.exe"}, "cp936")
    assert not conf.exists()


def test_the_xlwings_cli_is_the_console_script_entry_point():
    from importlib.metadata import entry_points

    (ep,) = entry_points(group="console_scripts", name="xlwings")
    assert ep.value == "xlwings.cli:main" and addin_setup.xlwings_cli() is ep.load()


def test_wheel_in_a_fresh_venv_installs_the_addin(tmp_path):
    """pip wheel → fresh venv (system site packages for the dependencies, --no-deps for
    jixiao itself) → `jixiao addin install` from outside the source tree."""
    import shutil

    src, dist = tmp_path / "src", tmp_path / "dist"  # a clean copy: no build/ left in the project
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "out", "*.egg-info",
                                                             "__pycache__", "tests", "benchmarks"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
                    "-w", str(dist)], check=True, timeout=300, cwd=tmp_path)
    (wheel,) = dist.glob("jixiao-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert {"addin/macros/JixiaoButtons.bas", "addin/macros/JixiaoText.bas", "addin/macros/ribbon.xml"} <= set(names)

    env_dir = tmp_path / "张三" / "venv"
    venv.EnvBuilder(with_pip=False, system_site_packages=True).create(env_dir)
    python = str(env_dir / "bin" / "python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the project's own venv provides the dependencies (no download); the wheel provides jixiao
    deps = Path(subprocess.run([sys.executable, "-c", "import xlwings, pathlib; print(pathlib.Path(xlwings.__file__).parent.parent)"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (Path(site) / "project-deps.pth").write_text(str(deps) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", str(wheel)],
                   check=True, timeout=300)
    where = subprocess.run([python, "-c", "import jixiao, addin; print(jixiao.__file__); print(addin.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert str(ROOT) not in where and site in where  # jixiao and addin come from the wheel

    home = tmp_path / "Users" / "张三"
    run = fake_windows(python, home, "addin", "install", cwd=tmp_path)
    assert run.returncode == 0, run.stderr + run.stdout
    check_installed(home, python)  # the interpreter path has Chinese characters: written and read in cp936
    built = subprocess.run([str(env_dir / "bin" / "jixiao"), "templates", "--out", str(tmp_path / "t")],
                           capture_output=True, text=True, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert re.search(r"项目支出绩效自评表\.xlsm", built.stdout)
