#!/usr/bin/env bash
# Installs everything xpaint-desktop needs on a fresh Debian/Ubuntu machine: the system
# libraries Qt's xcb platform plugin wants, Xvfb for screenshots, a CJK font, and a virtual
# environment with the package and its test/bundle extras. Safe to run again: it skips
# what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
    xvfb xauth xdotool
    libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
    libxcb-cursor0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0
    libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
    fonts-wqy-microhei
    desktop-file-utils
    icu-devtools zstd
)

missing_apt() {
    local p
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
    done
}

if command -v apt-get >/dev/null 2>&1; then
    mapfile -t need < <(missing_apt)
    if ((${#need[@]})); then
        echo "setup: installing system packages: ${need[*]}" >&2
        SUDO=""
        [[ $(id -u) -ne 0 ]] && SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${need[@]}" >/dev/null
    fi
else
    echo "setup: no apt-get here; install Xvfb, the xcb libraries and a CJK font yourself" >&2
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv with $($PYTHON --version)" >&2
    $PYTHON -m venv .venv
fi

stamp=.venv/.xpaint-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "setup: installing Python packages into .venv" >&2
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,bundle]"
    echo "$want" >"$stamp"
fi
