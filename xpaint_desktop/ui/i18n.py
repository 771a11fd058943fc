"""Which language the window speaks, and switching it while the window is open.

At start-up `install_translators()` picks the language: a `--lang` override, else the person's
preference (`Settings.language`), else the system locale (`LANG=zh_CN.UTF-8`, the desktop's
language list). It installs two `QTranslator`s: ours, `resources/i18n/xpaint_<lang>.qm`
(compiled from the `.ts` files by `packaging/update_translations.sh`), and Qt's own
`qtbase_<lang>.qm` from `QLibraryInfo.TranslationsPath`, which translates the standard dialogs
and buttons (OK, Cancel, the file dialog). A language we have no catalogue for falls back to
English, the source language, so nothing is ever shown blank.

`switch_language()` does the same while running: it removes the installed translators and
installs the new ones. Qt then sends `QEvent.LanguageChange` to every widget. What widgets must
do for that to work:

* Set every visible text in one method, `retranslate_ui()`, called at the end of `__init__` and
  again from `changeEvent`::

      def changeEvent(self, event: QEvent) -> None:
          if event.type() == QEvent.Type.LanguageChange:
              self.retranslate_ui()
          super().changeEvent(event)

  Texts set once in `__init__` (labels, `QAction` texts, tooltips, window titles, combo box
  items) otherwise stay in the old language.
* Use `self.tr("...")` in a class, or `QCoreApplication.translate("Context", "...")`, with a
  literal string, so `pyside6-lupdate` finds it. Values kept as data (style names, job stages)
  are marked with `QT_TRANSLATE_NOOP("Context", "...")` and translated where they are shown.
* Models (`QAbstractItemModel`) get no `LanguageChange`: connect to
  `language_notifier().changed` and emit `dataChanged` / `headerDataChanged`.
* Text built from data plus translated words (status lines) is rebuilt, not patched: keep the
  data, call the function that formats it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from xpaint_desktop.paths import resources_dir
from xpaint_desktop.settings import Settings, load_settings

log = logging.getLogger(__name__)

CATALOGUE_PREFIX = "xpaint"
QT_CATALOGUE_PREFIX = "qtbase"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    """A language the window can speak: its code (`zh_CN`) and its name in itself (简体中文)."""

    code: str
    native_name: str


class LanguageNotifier(QObject):
    """Tells non-widget objects (models, delegates) that the language changed."""

    changed = Signal(str)


_installed: list[QTranslator] = []
_current: str = SOURCE_LANGUAGE
_notifier: LanguageNotifier | None = None


def translations_dir() -> Path:
    """`resources/i18n`, in the source tree or the bundle."""
    return resources_dir() / "i18n"


def language_notifier() -> LanguageNotifier:
    """The one notifier whose `changed(code)` signal follows `switch_language()`."""
    global _notifier
    if _notifier is None:
        _notifier = LanguageNotifier()
    return _notifier


def _native_name(code: str) -> str:
    locale = QLocale(code)
    if "_" not in code:
        return QLocale.languageToString(locale.language())
    return locale.nativeLanguageName() or code


def available_languages() -> list[Language]:
    """English (the source) and every language with a compiled catalogue, sorted by code."""
    codes = {SOURCE_LANGUAGE}
    prefix = f"{CATALOGUE_PREFIX}_"
    for qm in translations_dir().glob(f"{prefix}*.qm"):
        codes.add(qm.stem.removeprefix(prefix))
    return [Language(code, _native_name(code)) for code in sorted(codes)]


def _match(wanted: str, codes: list[str]) -> str | None:
    """The catalogue for `wanted` (`zh_CN.UTF-8`, `zh-Hans-CN`, `zh`, `en_GB`...), if any."""
    cleaned = wanted.split(".")[0].split("@")[0].strip()
    if not cleaned or cleaned in ("C", "POSIX"):
        return None
    if cleaned in codes:
        return cleaned
    locale = QLocale(cleaned)
    if locale.name() in codes:
        return locale.name()
    same_language = [c for c in codes if QLocale(c).language() == locale.language()]
    return same_language[0] if same_language else None


def resolve_language(preference: str | None) -> str:
    """The code to use for a preference; empty or None means the system's language list."""
    codes = [lang.code for lang in available_languages()]
    wanted = (preference or "").strip()
    if wanted:
        found = _match(wanted, codes)
        if found is None:
            log.warning(
                "no translation for language %r (available: %s); using English",
                wanted,
                ", ".join(codes),
            )
        return found or SOURCE_LANGUAGE
    for ui_language in QLocale.system().uiLanguages():
        found = _match(ui_language, codes)
        if found:
            return found
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The code of the language installed last (English before anything is installed)."""
    return _current


def _load(prefix: str, code: str, folders: list[Path]) -> QTranslator | None:
    app = QCoreApplication.instance()
    for folder in folders:
        translator = QTranslator(app)
        if translator.load(f"{prefix}_{code}", str(folder)):
            return translator
    return None


def _remove_installed() -> None:
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()


def _install(code: str) -> str:
    global _current
    if QCoreApplication.instance() is None:
        raise RuntimeError("installing translators needs a QApplication")
    _remove_installed()
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    catalogues = (
        (CATALOGUE_PREFIX, [translations_dir()]),
        (QT_CATALOGUE_PREFIX, [qt_folder, translations_dir()]),
    )
    for prefix, folders in catalogues:
        translator = _load(prefix, code, folders)
        if translator is None:
            if code != SOURCE_LANGUAGE:
                log.warning("translation %s_%s not found in %s", prefix, code, folders)
            continue
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(code))
    _current = code
    log.info("user interface language: %s", code)
    return code


def install_translators(language: str | None = None, settings: Settings | None = None) -> str:
    """Installs the translators for `language`, else the preference, else the system locale.

    `language` is the `--lang` override; without it `settings.language` (loaded when not
    given) decides, and an empty preference follows the system. Call it after the
    `QApplication` exists and before the window is built. Returns the code in effect (`en`
    when no catalogue matches). Installing again replaces the earlier translators.
    """
    preference = language if language else (settings or load_settings()).language
    return _install(resolve_language(preference))


def switch_language(language: str) -> str:
    """Switches the running window to `language`; an empty string follows the system again.

    Widgets receive `QEvent.LanguageChange` and retranslate themselves (see the module
    docstring); `language_notifier().changed` tells models. Returns the code in effect. Saving
    the choice (`Settings.language`) is the caller's business.
    """
    code = _install(resolve_language(language))
    language_notifier().changed.emit(code)
    return code
