#!/usr/bin/env bash
# Packs dist/xpaint-desktop/ (made by packaging/build.sh) into the download archive
# dist/xpaint-desktop-<version>-linux-<arch>.tar.zst: zstd level 19 with a 128 MB window, which
# any zstd >= 1.3.2 (and `tar --zstd`) unpacks with its default memory limit.
#     tar --zstd -xf xpaint-desktop-*.tar.zst     # -> xpaint-desktop/
set -euo pipefail
cd "$(dirname "$0")/.."
NAME="${XPAINT_BUNDLE_NAME:-xpaint-desktop}"
[ -x "dist/$NAME/$NAME" ] || { echo "error: no dist/$NAME/ (run packaging/build.sh)" >&2; exit 2; }
command -v zstd >/dev/null || { echo "error: zstd not found (apt install zstd)" >&2; exit 2; }
VERSION=$(.venv/bin/python -c "import xpaint_desktop; print(xpaint_desktop.__version__)")
OUT="dist/$NAME-$VERSION-linux-$(uname -m).tar.zst"
rm -f "$OUT"
tar -C dist --sort=name --owner=0 --group=0 --numeric-owner -cf - "$NAME" \
    | zstd -q -19 --long=27 -T0 -o "$OUT"
echo "$OUT" >&2
