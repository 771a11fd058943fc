"""Reading Qt Linguist `.ts` files and running `pyside6-lupdate` over the sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.packaging.scripts import load_script

ROOT = Path(__file__).resolve().parents[3]
tr_wrappers = load_script("tr_wrappers")
I18N = ROOT / "resources" / "i18n"
PACKAGE = ROOT / "xpaint_desktop"


@dataclass(frozen=True)
class Message:
    """One `<message>` of a catalogue, keyed as Qt looks it up: context, source, comment."""

    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]
    state: str  # "" (finished), "unfinished", "obsolete", "vanished"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def finished(self) -> bool:
        return self.state == "" and bool(self.translations) and all(t for t in self.translations)


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation is not None, f"{path}: message without <translation>"
            forms = translation.findall("numerusform")
            texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
            messages.append(
                Message(
                    context=name,
                    source=m.findtext("source") or "",
                    comment=m.findtext("comment") or "",
                    numerus=m.get("numerus") == "yes",
                    translations=texts,
                    state=translation.get("type", ""),
                )
            )
    return messages


def lupdate_tool() -> str:
    here = Path(sys.executable).parent / "pyside6-lupdate"
    found = str(here) if here.exists() else shutil.which("pyside6-lupdate")
    assert found, "pyside6-lupdate not found (it comes with PySide6-Essentials)"
    return found


def scan_sources(out: Path, language: str = "zh_CN") -> list[Message]:
    """The strings the current sources mark for translation (a fresh lupdate run)."""
    markers = out.with_name("tr_wrappers.py")
    tr_wrappers.write_markers(tr_wrappers.scan(PACKAGE), markers)
    sources = [*sorted(str(p) for p in PACKAGE.rglob("*.py")), str(markers)]
    subprocess.run(
        [
            lupdate_tool(),
            "-silent",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            *sources,
            "-ts",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return read_ts(out)
