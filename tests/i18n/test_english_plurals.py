"""The helper that writes English plural forms into the English catalogue."""

from __future__ import annotations

from tests.packaging.scripts import load_script

english_plurals = load_script("english_plurals")

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
