#!/usr/bin/env bash
# The operating-system programs the tests use, each with the Debian/Ubuntu package that provides it: ONE table, read
# by .ci/run (the README's test command), so what CI installs and what a newcomer's machine gets cannot drift apart.
#
#   bash scripts/os-deps.sh install   (default) install what is missing with apt-get (as root, or through sudo);
#                                     where that cannot be done, name each missing program and its package, exit 2
#   bash scripts/os-deps.sh check     only name what is missing (exit 2 if anything is), never install
#
# OS_DEPS_INSTALL=no makes `install` behave as `check` (a CI image that must not change the system).
# OS_DEPS_PYTHON is the Python the module probes import with: /usr/bin/python3, the one the tests run and the one
# Debian's python3-* packages install into.
#
# Deciding what is missing uses only bash built-ins and the programs probed, so this runs, and names everything, on
# a machine where nothing else is installed. Exit codes follow the CLI's: 0 all present, 2 setup problem.

set -uo pipefail

# One line per program. Columns: the program as a person would name it; how to find it (command:NAME on PATH,
# python:MODULE importable by OS_DEPS_PYTHON, font:LANG a fontconfig font for that language); the Debian/Ubuntu
# package(s) that provide it, comma-separated; then, to the end of the line, why the tests need it.
# A new test tier adds its program here (Debian 12: the `wine` package gives /usr/bin/wine, `wine64` the 64-bit loader).
readonly TABLE='
soffice     command:soffice     libreoffice-calc-nogui,libreoffice-writer-nogui   LibreOffice headless: opens and re-saves our workbooks and documents, converts .xls/.ods returns, prints them to PDF
python3/uno python:uno          python3-uno                                      LibreOffice from Python (npm run fixtures edits forms the way an office suite does)
pdftotext   command:pdftotext   poppler-utils                                    reads the text of every PDF page
pdfinfo     command:pdfinfo     poppler-utils                                    page size and count of PDFs
pdftoppm    command:pdftoppm    poppler-utils                                    renders PDF pages to images
chromium    command:chromium    chromium                                         prints report.html to PDF and runs the page in a real browser (the OS one; nothing is downloaded)
python3/openpyxl python:openpyxl python3-openpyxl                             a second program that reads and edits our workbooks
CJK-font    font:zh             fonts-wqy-zenhei,fontconfig                      renders the Chinese text in PDFs and pages
wine        command:wine        wine,wine64                                      runs node.exe and the drop targets of the Windows package (npm run test:dist)
'

PYTHON=${OS_DEPS_PYTHON:-/usr/bin/python3}

# True when the row's probe finds the program.
present() {
  local kind=${1%%:*} name=${1#*:}
  case $kind in
    command) command -v "$name" >/dev/null 2>&1 ;;
    python) "$PYTHON" -c "import $name" >/dev/null 2>&1 ;;
    font) [[ -n $(fc-list ":lang=$name" family 2>/dev/null) ]] ;;
    *)
      echo "scripts/os-deps.sh: unknown probe '$1' in the table" >&2
      exit 2
      ;;
  esac
}

missing_rows=()
missing_packages=()
find_missing() {
  missing_rows=()
  missing_packages=()
  local program probe packages why pkg
  while read -r program probe packages why; do
    [[ -z $program ]] && continue
    present "$probe" && continue
    missing_rows+=("$program|$packages")
    for pkg in ${packages//,/ }; do
      [[ " ${missing_packages[*]} " == *" $pkg "* ]] || missing_packages+=("$pkg")
    done
  done <<<"$TABLE"
}

# Names each missing program with its package(s), says why they were not installed, exits 2.
stop() {
  local row
  {
    echo "缺少测试所需的系统程序，未能安装（$1）。"
    echo "Programs the tests need are missing and were not installed ($2):"
    for row in "${missing_rows[@]}"; do
      local packages=${row#*|}
      printf '  %-16s  Debian/Ubuntu: %s\n' "${row%%|*}" "${packages//,/, }"
    done
    echo "Install them, e.g.: sudo apt-get install --no-install-recommends ${missing_packages[*]}"
    echo "then run again. No test was run."
  } >&2
  exit 2
}

mode=${1:-install}
case $mode in
  check | install) ;;
  *)
    echo "usage: bash scripts/os-deps.sh [install|check]" >&2
    exit 2
    ;;
esac

find_missing
[[ ${#missing_rows[@]} -eq 0 ]] && exit 0

if [[ $mode == check || ${OS_DEPS_INSTALL:-} == no ]]; then
  stop '只检查，不安装' 'check only'
fi
if ! command -v apt-get >/dev/null 2>&1; then
  stop '没有 apt-get：不是 Debian/Ubuntu' 'no apt-get: not Debian/Ubuntu'
fi
if [[ $EUID -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && { sudo -n true >/dev/null 2>&1 || [[ -t 0 ]]; }; then
  as_root=(sudo) # asks for the password only when there is a terminal to ask at
else
  stop '不是 root，也不能用 sudo' 'not root, and sudo cannot be used'
fi

echo "Installing with apt-get: ${missing_packages[*]}" >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || stop 'apt-get update 失败' 'apt-get update failed'
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null ||
  stop 'apt-get install 失败' 'apt-get install failed'

# A package can install and still leave its program unfound (another PATH, another Python): say so now, not as
# a suite of failing tests.
find_missing
[[ ${#missing_rows[@]} -eq 0 ]] || stop '安装后仍然找不到' 'still not found after installing'
