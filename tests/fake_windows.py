"""Run ``jixiao ARGS`` as on a Windows desktop without Excel running, on Linux.

    USERPROFILE=… APPDATA=… HOME=… python tests/fake_windows.py addin install

Everything real — jixiao's CLI, the add-in build from the installed package, xlwings' own
command line (``xlwings.cli:main``, config_create included) — except what only Windows and
Excel can answer, stood in here:

- no Excel is running (``xlwings.apps`` is empty), and the XLSTART folder Excel would report
  (``xlwings.cli.get_addin_dir``, which asks Excel through COM) is %APPDATA%\\Microsoft\\Excel\\XLSTART;
- Windows opens text files in the ANSI code page by default (cp936 on Chinese Windows), so
  ``open()`` without an encoding reads and writes cp936 in this process (env FAKE_ANSI): xlwings
  reads its user config that way when imported, and its config_create writes it that way;
- ``sys.platform`` for jixiao's install/status is "win32".
"""

from __future__ import annotations

import builtins
import functools
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    ansi = os.environ.get("FAKE_ANSI", "cp936")
    home = Path(os.environ["USERPROFILE"])
    xlstart = Path(os.environ["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"
    real_open = builtins.open

    def ansi_open(file, mode="r", *args, encoding=None, **kwargs):
        if "b" not in mode and encoding is None:
            encoding = ansi
        return real_open(file, mode, *args, encoding=encoding, **kwargs)

    builtins.open = ansi_open

    import xlwings
    import xlwings.cli

    def get_addin_dir(global_location: bool = False) -> str:
        xlstart.mkdir(parents=True, exist_ok=True)
        return str(xlstart)

    xlwings.apps = []  # type: ignore[assignment]
    xlwings.cli.get_addin_dir = get_addin_dir

    from jixiao import addin_setup, cli

    places = addin_setup.Places(home, xlstart, ansi)
    for name in ("install", "uninstall", "status"):
        setattr(addin_setup, name, functools.partial(getattr(addin_setup, name), platform="win32", places=places))
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
