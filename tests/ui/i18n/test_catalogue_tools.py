"""The helpers of packaging/update_translations.sh: English plurals, `_tr()` strings."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from tests.packaging.scripts import load_script

english_plurals = load_script("english_plurals")
tr_wrappers = load_script("tr_wrappers")

TS = """\
    <message numerus="yes">
        <source>Delete %n job(s) with their pictures?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>one file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
"""


def test_unfinished_plurals_get_singular_and_plural() -> None:
    text, count = english_plurals.fill(TS)
    assert count == 1
    assert "<numerusform>Delete %n job with their pictures?</numerusform>" in text
    assert "<numerusform>Delete %n jobs with their pictures?</numerusform>" in text
    assert 'type="unfinished"' not in text


def test_forms_written_by_hand_are_kept() -> None:
    text, _ = english_plurals.fill(TS)
    assert "<numerusform>one file</numerusform>" in text
    assert english_plurals.fill(text) == (text, 0)


MODULE = """\
from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("Toolbox", text)


def _not_a_helper(text: str) -> str:
    return text.upper()


LABELS = (_tr("&Brush"), _tr("Erase"), _not_a_helper("plain"))
"""


def test_strings_given_to_tr_helpers_become_markers(tmp_path: Path) -> None:
    source = tmp_path / "tools.py"
    source.write_text(MODULE, encoding="utf-8")
    found = tr_wrappers.scan(tmp_path)
    assert [(s.context, s.text, s.line) for s in found] == [
        ("Toolbox", "&Brush", 12),
        ("Toolbox", "Erase", 12),
    ]
    out = tmp_path / "markers.py.txt"
    tr_wrappers.write_markers(found, out)
    assert "QT_TRANSLATE_NOOP('Toolbox', '&Brush')" in out.read_text(encoding="utf-8")


def test_a_finished_plural_before_an_unfinished_one_is_left_as_it_is() -> None:
    """Each message is filled from its own source, never from text reaching into the next."""
    ts = """\
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>one file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
"""
    text, count = english_plurals.fill(ts)
    assert count == 1
    messages = ElementTree.fromstring(f"<context>{text}</context>").findall("message")
    forms = [[f.text for f in m.iter("numerusform")] for m in messages]
    assert forms == [["one file", "%n files"], [], ["%n photo", "%n photos"]]
    assert text.startswith(ts[: ts.index("<message>")])  # the finished one is untouched
