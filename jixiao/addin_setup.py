"""`jixiao addin install | uninstall | status`: putting the add-in into desktop Excel (Windows).

Install does, in this order:

1. builds ``jixiao.xlam`` from the VBA sources shipped in the package (``addin/macros``) and
   the installed xlwings, so the xlwings DLL its VBA names is the one installed;
2. runs xlwings' own command line (the ``xlwings`` console script, ``xlwings.cli:main``):
   ``addin install`` (xlwings.xlam into XLSTART, xlwings' user config) and
   ``addin install --file jixiao.xlam`` (our add-in into the XLSTART folder Excel reports);
3. writes the interpreter (``sys.executable``: the Python that has jixiao) and
   ``UDF MODULES = addin.udfs`` into the two user config files the VBA reads —
   ``%USERPROFILE%\\.xlwings\\xlwings.conf`` (the .xlsm, project "xlwings") and
   ``%USERPROFILE%\\.jixiao\\jixiao.conf`` (the .xlam, project "jixiao") — in the ANSI code
   page, which is how VBA's ``Input #`` reads them (cp936 on Chinese Windows), keeping every
   other line of the files.

Elsewhere (Linux, macOS) it says clearly what is possible instead: every button is also a
``jixiao`` command. ``status`` lists each piece and what to do when one is missing.
"""

from __future__ import annotations

import contextlib
import io
import locale
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import AddinError
from .excel.macro_package import XLAM_NAME

__all__ = ["UDF_MODULES", "XLWINGS_XLAM", "AddinError", "Places", "ansi_encoding", "conf_value", "install",
           "interpreter_settings", "read_conf", "run_xlwings", "status", "uninstall", "write_conf", "xlwings_cli"]

NOT_WINDOWS = ("Excel 加载项只能安装在 Windows 的桌面版 Excel 中（当前系统：{system}）。"
               "在这里可以用 jixiao 命令完成同样的工作：check（校验）、summarize（汇总）、report（生成报告）、"
               "finalize（定稿）；模板中的原生公式在 WPS、LibreOffice 和没有加载项的 Excel 中同样计算。")
UDF_MODULES = "addin.udfs"
XLWINGS_XLAM = "xlwings.xlam"


def ansi_encoding() -> str:
    """The code page VBA reads and writes text files in: the system ANSI code page
    ("mbcs" on Windows, e.g. cp936 on Chinese Windows), whatever Python's UTF-8 mode says."""
    if sys.platform.startswith("win"):
        return "mbcs"
    return locale.getpreferredencoding(False)


@dataclass
class Places:
    """Where things go. ``home`` is %USERPROFILE% (what VBA's Environ("USERPROFILE") gives)."""
    home: Path
    xlstart: Path
    encoding: str

    @property
    def xlwings_conf(self) -> Path:
        return self.home / ".xlwings" / "xlwings.conf"

    @property
    def jixiao_conf(self) -> Path:
        return self.home / ".jixiao" / "jixiao.conf"

    @classmethod
    def default(cls) -> "Places":
        home = Path(os.environ.get("USERPROFILE") or Path.home())
        appdata = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
        return cls(home, appdata / "Microsoft" / "Excel" / "XLSTART", ansi_encoding())


def _system(platform: str) -> str:
    return {"linux": "Linux", "darwin": "macOS"}.get(platform, platform)


def _require_windows(platform: str) -> None:
    if not platform.startswith("win"):
        raise AddinError(NOT_WINDOWS.format(system=_system(platform)))


# ----------------------------------------------------------------------------- config files

def read_conf(path: Path, encoding: str) -> list[tuple[str, str]]:
    """The "KEY","value" lines of an xlwings config file. Written by VBA or xlwings in the
    ANSI code page; an older jixiao wrote UTF-8, so that is accepted too."""
    if not path.exists():
        return []
    data = path.read_bytes()
    for enc in (encoding, "utf-8"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode(encoding, errors="replace")
    out = []
    for line in text.splitlines():
        m = re.match(r'\s*"([^"]*)"\s*,\s*"?([^"]*)"?\s*$', line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def conf_value(path: Path, key: str, encoding: str) -> str | None:
    for k, v in read_conf(path, encoding):
        if k.upper() == key.upper():
            return v
    return None


def write_conf(path: Path, settings: dict[str, str | None], encoding: str) -> None:
    """Set (or, for None, remove) keys; keep the other lines. CRLF, ANSI code page, written
    atomically."""
    from .fileio import atomic_path

    wanted = {k.upper(): v for k, v in settings.items()}
    lines = [(k, v) for k, v in read_conf(path, encoding) if k.upper() not in wanted]
    lines += [(k, v) for k, v in settings.items() if v is not None]
    text = "".join(f'"{k}","{v}"\r\n' for k, v in lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        raise AddinError(f"无法把设置写入 {path}：路径中有当前 Windows 代码页（{encoding}）不能表示的字符。"
                         "请把 Python 装在只含中英文字符的路径下后重试") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        Path(tmp).write_bytes(data)


def _short_path(path: str, encoding: str) -> str:
    """A path VBA can read back in the ANSI code page: the path itself, or its 8.3 short
    form on Windows when a character is outside the code page (e.g. a Korean user name on
    Chinese Windows)."""
    try:
        path.encode(encoding)
        return path
    except UnicodeEncodeError:
        pass
    if sys.platform.startswith("win"):
        import ctypes

        buf = ctypes.create_unicode_buffer(1024)
        if ctypes.windll.kernel32.GetShortPathNameW(path, buf, len(buf)):  # type: ignore[attr-defined]
            return buf.value
    return path  # write_conf reports it in Chinese


def interpreter_settings(executable: str, encoding: str) -> dict[str, str | None]:
    """The keys both config files get: this Python, and the UDF module. Conda settings are
    kept only when this Python is itself a conda environment (xlwings then activates it)."""
    from xlwings.cli import get_conda_settings

    conda_path, conda_env = get_conda_settings()
    return {"INTERPRETER_WIN": _short_path(executable, encoding), "UDF MODULES": UDF_MODULES,
            "CONDA PATH": conda_path, "CONDA ENV": conda_env}


# ----------------------------------------------------------------------------- xlwings CLI

def xlwings_cli() -> Callable[[], object]:
    """xlwings' command line as installed: the ``xlwings`` console script (xlwings.cli:main);
    xlwings has no ``__main__``, so ``python -m xlwings`` does not exist."""
    from importlib.metadata import entry_points

    for ep in entry_points(group="console_scripts", name="xlwings"):
        return ep.load()
    from xlwings.cli import main

    return main


def run_xlwings(args: list[str]) -> str:
    """Run ``xlwings ARGS`` in this process; returns what it printed. xlwings reports a
    failure by printing it (or sys.exit with a message), so success is checked by the caller
    from the files, and the printed text goes into the error message."""
    main = xlwings_cli()
    out = io.StringIO()
    argv = sys.argv
    sys.argv = ["xlwings", *args]
    try:
        with contextlib.redirect_stdout(out):
            main()
    except SystemExit as exc:
        if exc.code not in (None, 0):
            raise AddinError(f"xlwings {' '.join(args)} 失败：{exc.code} {out.getvalue().strip()}") from None
    except Exception as exc:  # noqa: BLE001 - xlwings talks to Excel through COM; say what failed
        raise AddinError(f"xlwings {' '.join(args)} 失败（{exc}）：请关闭 Excel 后重试") from None
    finally:
        sys.argv = argv
    return out.getvalue()


def _addin_dir() -> Path:
    """The XLSTART folder Excel reports (what xlwings copies add-ins into)."""
    from xlwings.cli import get_addin_dir

    return Path(get_addin_dir())


# ----------------------------------------------------------------------------- commands

def install(platform: str = sys.platform, places: Places | None = None,
            executable: str | None = None) -> list[str]:
    _require_windows(platform)
    from .excel.macro_package import build_xlam

    places = places or Places.default()
    executable = executable or sys.executable
    done = []
    with tempfile.TemporaryDirectory(prefix="jixiao-addin-") as tmp:
        xlam = build_xlam(Path(tmp) / XLAM_NAME)
        printed = run_xlwings(["addin", "install"])
        xlstart = _addin_dir()
        if not (xlstart / XLWINGS_XLAM).exists():
            raise AddinError(f"安装 xlwings 加载项失败：{printed.strip() or '未复制到 ' + str(xlstart)}。请关闭 Excel 后重试")
        done.append(f"已安装 xlwings 加载项：{xlstart / XLWINGS_XLAM}")
        printed = run_xlwings(["addin", "install", "--file", str(xlam)])
        target = xlstart / XLAM_NAME
        if not target.exists() or target.read_bytes() != xlam.read_bytes():
            raise AddinError(f"安装 绩效自评 加载项失败：{printed.strip() or '未复制到 ' + str(xlstart)}。请关闭 Excel 后重试")
        done.append(f"已安装 绩效自评 加载项：{target}")
    settings = interpreter_settings(executable, places.encoding)
    for conf, used_by in ((places.xlwings_conf, "模板 .xlsm 的按钮和函数"), (places.jixiao_conf, "jixiao.xlam")):
        old = conf_value(conf, "INTERPRETER_WIN", places.encoding)
        write_conf(conf, settings, places.encoding)
        note = f"（原为 {old}）" if old and old != settings["INTERPRETER_WIN"] else ""
        done.append(f"已设置 {used_by} 使用的 Python：{settings['INTERPRETER_WIN']}{note}（{conf}）")
    done.append("请重新启动 Excel；打开 项目支出绩效自评表.xlsm 时点“启用内容”。")
    return done


def uninstall(platform: str = sys.platform, places: Places | None = None) -> list[str]:
    _require_windows(platform)
    places = places or Places.default()
    target = places.xlstart / XLAM_NAME
    if target.exists():
        target.unlink()
        return [f"已移除 {target}（xlwings 加载项保留；如需移除请运行 xlwings addin remove）"]
    return ["绩效自评 加载项未安装"]


def _xlam_dll(path: Path) -> str | None:
    """The xlwings DLL named by an add-in's VBA (xlwings64-X.Y.Z.dll)."""
    from pyopenvba import ExcelFile

    try:
        with ExcelFile(str(path)) as wb:
            m = re.search(r'"(xlwings64-[\d.]+\.dll)"', wb.get_module("xlwings"))
    except Exception:  # noqa: BLE001 - a damaged file is reported as such
        return None
    return m.group(1) if m else None


def status(platform: str = sys.platform, places: Places | None = None,
           executable: str | None = None) -> list[str]:
    """One line per piece, "✓" or "✗ … → what to do"."""
    if not platform.startswith("win"):
        return [NOT_WINDOWS.format(system=_system(platform))]
    import xlwings

    places = places or Places.default()
    executable = executable or sys.executable
    fix = "→ 运行 jixiao addin install"
    lines = []
    xw_xlam = places.xlstart / XLWINGS_XLAM
    lines.append(f"✓ xlwings 加载项：{xw_xlam}" if xw_xlam.exists() else f"✗ xlwings 加载项不在 {places.xlstart} {fix}")
    target = places.xlstart / XLAM_NAME
    if not target.exists():
        lines.append(f"✗ 绩效自评 加载项不在 {places.xlstart} {fix}")
    else:
        want = f"xlwings64-{xlwings.__version__}.dll"
        dll = _xlam_dll(target)
        lines.append(f"✓ 绩效自评 加载项：{target}" if dll == want else
                     f"✗ 绩效自评 加载项调用 {dll or '（无法读取）'}，而已安装的 xlwings 是 {xlwings.__version__} {fix}")
    for conf, used_by in ((places.xlwings_conf, ".xlsm 模板"), (places.jixiao_conf, "jixiao.xlam")):
        exe = conf_value(conf, "INTERPRETER_WIN", places.encoding)
        mods = conf_value(conf, "UDF MODULES", places.encoding)
        if not exe:
            lines.append(f"✗ {used_by} 的 Python 未设置（{conf}）{fix}")
        elif not Path(exe).exists():
            lines.append(f"✗ {used_by} 的 Python 不存在：{exe}（{conf}）{fix}")
        elif exe != _short_path(executable, places.encoding):
            lines.append(f"✗ {used_by} 使用 {exe}，不是装有 jixiao 的 {executable} {fix}")
        else:
            lines.append(f"✓ {used_by} 使用 Python：{exe}")
        if mods != UDF_MODULES:
            lines.append(f"✗ {used_by} 的 UDF MODULES 不是 {UDF_MODULES}（{conf}）{fix}")
    dll_path = Path(sys.exec_prefix) / f"xlwings64-{xlwings.__version__}.dll"
    lines.append(f"✓ xlwings 动态库：{dll_path}" if dll_path.exists() else
                 f"✗ 找不到 {dll_path}：请在这个 Python 中重新安装 xlwings（pip install --force-reinstall xlwings=={xlwings.__version__}）")
    return lines
