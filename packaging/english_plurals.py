"""Fills the English plural forms of `%n ...(s)` strings in `resources/i18n/xpaint_en.ts`.

English is the source language, so its catalogue needs no translations, except for plurals:
the source says "%n job(s)", the window should say "1 job" and "3 jobs". Each unfinished
plural message gets the singular form (`(s)` dropped) and the plural form (`(s)` -> `s`);
forms someone already wrote by hand are kept. Run by `packaging/update_translations.sh`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# lupdate writes the file, so a small textual edit keeps its exact layout. The source text
# cannot hold a `<` (XML writes it `&lt;`), so `[^<]*` never reaches into the next message.
_MESSAGE = re.compile(
    r'(<message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
    r'<translation type="unfinished">\s*<numerusform></numerusform>\s*'
    r"<numerusform></numerusform>\s*</translation>"
)


def english_forms(source: str) -> tuple[str, str]:
    """ "%n job(s)" -> ("%n job", "%n jobs")."""
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill(text: str) -> tuple[str, int]:
    """The .ts text with the plural forms filled in, and how many messages were filled."""

    def replace(match: re.Match[str]) -> str:
        one, many = english_forms(match.group("source"))
        indent = "\n            "
        return (
            f"{match.group(1)}<translation>{indent}<numerusform>{one}</numerusform>"
            f"{indent}<numerusform>{many}</numerusform>\n        </translation>"
        )

    return _MESSAGE.subn(replace, text)


def main(path: Path) -> int:
    text, count = fill(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    sys.stderr.write(f"{path}: {count} English plural message(s) filled\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
