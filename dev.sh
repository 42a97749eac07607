#!/usr/bin/env bash
# One entry point for a fresh Debian machine with Python 3.11:
#   ./dev.sh demo   set everything up, then run the demo on the embedded sample
#   ./dev.sh test   set everything up, then type-check (mypy) and run the tests
# Set-up is idempotent: LibreOffice, CJK fonts, Carlito (Calibri's metrics) and poppler through apt when missing,
# a virtual environment in .venv, and the project with its test extras at the versions in constraints.txt.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc libreoffice-writer)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
# grep reads all of fc-list's output (no -q): under pipefail an early exit of grep would make
# fc-list die of SIGPIPE and the font look missing, running apt again on most calls.
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)
# Carlito has Calibri's metrics: the templates' default font is Calibri, and their columns, chart
# sizes and page breaks are planned with its widths; without it LibreOffice falls back to a wider
# font, shrinks every printed sheet to fit and leaves part of each page empty
fc-list 2>/dev/null | grep -i "Carlito" >/dev/null || need_apt+=(fonts-crosextra-carlito)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need_apt+=(python3-venv)
# a RAR tool for the .rar files departments send (review): The Unarchiver's unar, unless UnRAR is here
# (Debian's 7z leaves RAR out)
command -v unrar >/dev/null 2>&1 || command -v unar >/dev/null 2>&1 || need_apt+=(unar)
if ((${#need_apt[@]})); then
  echo "==> 安装系统软件包：${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv"
  python3 -m venv .venv
fi
stamp=.venv/.jixiao-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  echo "==> 安装 Python 依赖"
  .venv/bin/python -m pip install -q --upgrade pip
  # the versions the tests last passed on (constraints.txt), not whatever was released since
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[test]"
  touch "$stamp"
fi

cmd="${1:-}"; shift || true
case "$cmd" in
  demo) exec .venv/bin/jixiao demo "$@" ;;
  test)
    echo "==> 类型检查（mypy）"
    .venv/bin/mypy
    echo "==> 测试（pytest）"
    exec .venv/bin/python -m pytest "$@" ;;
  *) echo "用法：./dev.sh demo | ./dev.sh test [pytest 参数]"; exit 2 ;;
esac
