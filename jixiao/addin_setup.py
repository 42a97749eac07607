"""`jixiao addin install | uninstall | status`: putting the add-in into desktop Excel (Windows).

Install does three things: the xlwings add-in (through ``xlwings addin install``, which the
.xlsm template's buttons need), our ``jixiao.xlam`` (the 绩效自评 ribbon tab and the UDFs)
copied into Excel's XLSTART folder so Excel loads it on start, and the xlwings user setting
``UDF MODULES = addin.udfs``. Elsewhere (Linux, macOS) it says clearly what is possible
instead: every button is also a ``jixiao`` command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import JixiaoError
from .macro_package import XLAM_NAME, build_xlam

NOT_WINDOWS = ("Excel 加载项只能安装在 Windows 的桌面版 Excel 中（当前系统：{system}）。"
               "在这里可以用 jixiao 命令完成同样的工作：check（校验）、summarize（汇总）、report（生成报告）、"
               "finalize（定稿）；模板中的原生公式在 WPS、LibreOffice 和没有加载项的 Excel 中同样计算。")


class AddinError(JixiaoError):
    exit_code = 2


@dataclass
class Places:
    xlstart: Path
    user_conf: Path

    @classmethod
    def default(cls) -> "Places":
        appdata = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
        return cls(appdata / "Microsoft" / "Excel" / "XLSTART", Path.home() / ".xlwings" / "xlwings.conf")


def _require_windows(platform: str) -> None:
    if not platform.startswith("win"):
        raise AddinError(NOT_WINDOWS.format(system={"linux": "Linux", "darwin": "macOS"}.get(platform, platform)))


def _xlam_source() -> Path:
    repo = Path(__file__).resolve().parent.parent / "xlsx_templates" / XLAM_NAME
    if repo.exists():
        return repo
    return build_xlam(Path(tempfile.mkdtemp()) / XLAM_NAME)  # installed from a wheel: build it


def _set_conf(conf: Path, key: str, value: str) -> None:
    """xlwings' user config: lines of "KEY","value"; replace ours, keep the others."""
    lines = conf.read_text(encoding="utf-8").splitlines() if conf.exists() else []
    lines = [ln for ln in lines if not ln.upper().startswith(f'"{key.upper()}"')]
    lines.append(f'"{key}","{value}"')
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")


def install(platform: str = sys.platform, places: Places | None = None,
            run: Callable[[list[str]], None] | None = None) -> list[str]:
    _require_windows(platform)
    places = places or Places.default()
    run = run or (lambda cmd: subprocess.run(cmd, check=True))
    done = []
    try:
        run([sys.executable, "-m", "xlwings", "addin", "install"])
    except (OSError, subprocess.CalledProcessError) as exc:
        raise AddinError(f"安装 xlwings 加载项失败（{exc}）：请确认已在本项目目录中运行 pip install . 且 Excel 已关闭") from None
    done.append("已安装 xlwings 加载项")
    places.xlstart.mkdir(parents=True, exist_ok=True)
    target = places.xlstart / XLAM_NAME
    target.write_bytes(_xlam_source().read_bytes())
    done.append(f"已安装 绩效自评 加载项：{target}")
    _set_conf(places.user_conf, "UDF MODULES", "addin.udfs")
    done.append(f"已设置 UDF MODULES = addin.udfs（{places.user_conf}）")
    return done


def uninstall(platform: str = sys.platform, places: Places | None = None) -> list[str]:
    _require_windows(platform)
    places = places or Places.default()
    target = places.xlstart / XLAM_NAME
    if target.exists():
        target.unlink()
        return [f"已移除 {target}（xlwings 加载项保留；如需移除请运行 xlwings addin remove）"]
    return ["绩效自评 加载项未安装"]


def status(platform: str = sys.platform, places: Places | None = None) -> list[str]:
    lines = []
    if not platform.startswith("win"):
        return [NOT_WINDOWS.format(system={"linux": "Linux", "darwin": "macOS"}.get(platform, platform))]
    places = places or Places.default()
    target = places.xlstart / XLAM_NAME
    lines.append(f"绩效自评 加载项：{'已安装 ' + str(target) if target.exists() else '未安装'}")
    xlwings_xlam = places.xlstart / "xlwings.xlam"
    lines.append(f"xlwings 加载项：{'已安装' if xlwings_xlam.exists() else '未安装'}")
    conf = places.user_conf.read_text(encoding="utf-8") if places.user_conf.exists() else ""
    lines.append(f"UDF MODULES 设置：{'已设置' if 'addin.udfs' in conf else '未设置'}")
    return lines
