"""Every string the window can show has a Chinese translation, and the compiled file matches."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTranslator

from tests.ui.i18n.catalogue import I18N, read_ts, scan_sources

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{\d*\}|%n|%\d|&&")


def test_every_source_string_is_translated_to_chinese(tmp_path: Path) -> None:
    found = scan_sources(tmp_path / "scan.ts")
    assert found, "lupdate found no translatable strings in xpaint_desktop/"
    catalogue = {m.key: m for m in read_ts(I18N / "xpaint_zh_CN.ts")}
    missing = [m for m in found if m.key not in catalogue]
    unfinished = [catalogue[m.key] for m in found if m.key in catalogue]
    unfinished = [m for m in unfinished if not m.finished]
    lines = [f"  missing    [{m.context}] {m.source!r}" for m in missing]
    lines += [f"  unfinished [{m.context}] {m.source!r}" for m in unfinished]
    assert not lines, (
        f"{len(lines)} string(s) shown to people are not translated in xpaint_zh_CN.ts; run "
        "packaging/update_translations.sh, translate them, run it again:\n" + "\n".join(lines)
    )


def test_translations_keep_the_placeholders() -> None:
    wrong = []
    for m in read_ts(I18N / "xpaint_zh_CN.ts"):
        wanted = sorted(PLACEHOLDER.findall(m.source))
        for text in m.translations:
            if m.finished and sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"  [{m.context}] {m.source!r} -> {text!r}")
    assert not wrong, "placeholders differ between source and translation:\n" + "\n".join(wrong)


def test_chinese_translations_are_chinese() -> None:
    latin_only = [
        f"  [{m.context}] {m.source!r} -> {m.translations[0]!r}"
        for m in read_ts(I18N / "xpaint_zh_CN.ts")
        if m.finished
        and CJK.search(m.source + "".join(m.translations)) is None
        and re.search(r"\b[a-z]{3,}\b", m.source)  # prose, not key names like "Ctrl+Enter"
        and m.translations[0] == m.source
    ]
    assert not latin_only, "translations identical to the English source:\n" + "\n".join(latin_only)


def test_compiled_catalogue_matches_the_ts_file(qapp: object) -> None:
    translator = QTranslator()
    assert translator.load(str(I18N / "xpaint_zh_CN.qm"))
    stale = []
    for m in read_ts(I18N / "xpaint_zh_CN.ts"):
        if not m.finished:
            continue
        got = translator.translate(m.context, m.source, m.comment or None, 1 if m.numerus else -1)
        expected = m.translations[0]
        if got != expected:
            stale.append(f"  [{m.context}] {m.source!r}: .qm has {got!r}, .ts has {expected!r}")
    assert not stale, (
        "xpaint_zh_CN.qm is older than xpaint_zh_CN.ts; run packaging/update_translations.sh:\n"
        + "\n".join(stale)
    )


def test_english_plural_forms_are_written(tmp_path: Path) -> None:
    plurals = {m.key for m in scan_sources(tmp_path / "scan.ts", "en") if m.numerus}
    english = {m.key: m for m in read_ts(I18N / "xpaint_en.ts")}
    missing = sorted(k for k in plurals if k not in english or not english[k].finished)
    assert not missing, "English plural forms missing; run packaging/update_translations.sh:\n" + (
        "\n".join(f"  [{c}] {s!r}" for c, s, _ in missing)
    )
