"""The editor's commands as `QAction`s with the platform's standard shortcuts.

Built in one place so the menus, the tool bar and the help text show the same actions with
the same shortcuts. The window connects each action to its handler; undo and redo come from
the canvas's `QUndoStack`, so their texts name the step ("Undo Brush stroke").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from xpaint_desktop.ui.canvas.tools import Tool

GROW_STEP_PX = 8


def _tr(text: str) -> str:
    return QCoreApplication.translate("EditorActions", text)


def _action(parent: QObject, *shortcuts: QKeySequence.StandardKey | str) -> QAction:
    action = QAction(parent)
    keys: list[QKeySequence] = []
    for s in shortcuts:
        if isinstance(s, QKeySequence.StandardKey):
            keys.extend(QKeySequence.keyBindings(s))
        else:
            keys.append(QKeySequence(s))
    if keys:
        action.setShortcuts(keys)
    return action


def _set_texts(action: QAction, text: str, tip: str = "") -> None:
    """The action's text and tooltip; without a tip the tooltip names the shortcut."""
    action.setText(text)
    keys = action.shortcuts()
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    elif keys:
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys[0].toString()})")


@dataclass
class EditorActions:
    """Every command of the editor window."""

    open: QAction
    paste: QAction
    save_result: QAction
    export_mask: QAction
    import_mask: QAction
    preferences: QAction
    quit: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_fit: QAction
    zoom_100: QAction
    fill: QAction
    clear: QAction
    invert: QAction
    grow: QAction
    shrink: QAction
    shortcuts_help: QAction
    about: QAction
    tools: dict[Tool, QAction]
    tool_group: QActionGroup

    @property
    def mask_edits(self) -> tuple[QAction, ...]:
        """The edits of the whole mask, in menu and tool bar order."""
        return (self.fill, self.clear, self.invert, self.grow, self.shrink)


# Marked for the translation tools here, translated by `_tr` in `retranslate_actions`.
_TOOL_TEXTS: dict[Tool, tuple[object, str, object]] = {
    Tool.BRUSH: (
        QT_TRANSLATE_NOOP("EditorActions", "&Brush"),
        "B",
        QT_TRANSLATE_NOOP("EditorActions", "Paint the area to repaint (B)"),
    ),
    Tool.ERASER: (
        QT_TRANSLATE_NOOP("EditorActions", "&Eraser"),
        "E",
        QT_TRANSLATE_NOOP("EditorActions", "Erase from the mask (E)"),
    ),
    Tool.RECT: (
        QT_TRANSLATE_NOOP("EditorActions", "&Rectangle"),
        "R",
        QT_TRANSLATE_NOOP("EditorActions", "Drag a rectangle into the mask (R; Alt subtracts)"),
    ),
    Tool.LASSO: (
        QT_TRANSLATE_NOOP("EditorActions", "&Lasso"),
        "L",
        QT_TRANSLATE_NOOP("EditorActions", "Draw a free shape into the mask (L; Alt subtracts)"),
    ),
    Tool.OBJECT: (
        QT_TRANSLATE_NOOP("EditorActions", "&Object"),
        "O",
        QT_TRANSLATE_NOOP(
            "EditorActions",
            "Drag a box around a thing to select it (O; Shift adds, Alt subtracts, "
            "a box inside the last one refines)",
        ),
    ),
    Tool.WAND: (
        QT_TRANSLATE_NOOP("EditorActions", "Magic &wand"),
        "W",
        QT_TRANSLATE_NOOP(
            "EditorActions", "Click a colour region to select it (W; Shift adds, Alt subtracts)"
        ),
    ),
    Tool.COLOR_RANGE: (
        QT_TRANSLATE_NOOP("EditorActions", "&Colour range"),
        "C",
        QT_TRANSLATE_NOOP(
            "EditorActions",
            "Click colours to preview them (C; Shift+click adds a colour), Enter selects them",
        ),
    ),
}


# Text and tip (or None) of each action, by its field in `EditorActions`; a tip's {0} is the
# grow/shrink step.
_TEXTS: dict[str, tuple[object, object | None]] = {
    "open": (QT_TRANSLATE_NOOP("EditorActions", "&Open…"), None),
    "paste": (
        QT_TRANSLATE_NOOP("EditorActions", "&Paste image"),
        QT_TRANSLATE_NOOP("EditorActions", "Open the image on the clipboard"),
    ),
    "save_result": (QT_TRANSLATE_NOOP("EditorActions", "&Save result as…"), None),
    "export_mask": (QT_TRANSLATE_NOOP("EditorActions", "&Export mask…"), None),
    "import_mask": (QT_TRANSLATE_NOOP("EditorActions", "&Import mask…"), None),
    "preferences": (QT_TRANSLATE_NOOP("EditorActions", "P&references…"), None),
    "quit": (QT_TRANSLATE_NOOP("EditorActions", "&Quit"), None),
    "zoom_in": (QT_TRANSLATE_NOOP("EditorActions", "Zoom &in"), None),
    "zoom_out": (QT_TRANSLATE_NOOP("EditorActions", "Zoom &out"), None),
    "zoom_fit": (QT_TRANSLATE_NOOP("EditorActions", "&Fit to window"), None),
    "zoom_100": (QT_TRANSLATE_NOOP("EditorActions", "&Actual pixels (100 %)"), None),
    "fill": (
        QT_TRANSLATE_NOOP("EditorActions", "&Fill mask"),
        QT_TRANSLATE_NOOP("EditorActions", "Mark the whole image for repainting"),
    ),
    "clear": (QT_TRANSLATE_NOOP("EditorActions", "&Clear mask"), None),
    "invert": (QT_TRANSLATE_NOOP("EditorActions", "In&vert mask"), None),
    "grow": (
        QT_TRANSLATE_NOOP("EditorActions", "&Grow mask"),
        QT_TRANSLATE_NOOP("EditorActions", "Grow the mask by {0} px"),
    ),
    "shrink": (
        QT_TRANSLATE_NOOP("EditorActions", "&Shrink mask"),
        QT_TRANSLATE_NOOP("EditorActions", "Shrink the mask by {0} px"),
    ),
    "shortcuts_help": (QT_TRANSLATE_NOOP("EditorActions", "&Keyboard and mouse"), None),
    "about": (QT_TRANSLATE_NOOP("EditorActions", "&About xpaint-desktop"), None),
}


def build_actions(parent: QObject) -> EditorActions:
    """Create the actions (not yet connected to anything), with texts in the current language."""
    std = QKeySequence.StandardKey
    group = QActionGroup(parent)
    group.setExclusive(True)
    tools: dict[Tool, QAction] = {}
    for tool, (_text, key, _tip) in _TOOL_TEXTS.items():
        act = _action(parent, key)
        act.setCheckable(True)
        act.setData(tool.value)
        group.addAction(act)
        tools[tool] = act
    tools[Tool.BRUSH].setChecked(True)
    actions = EditorActions(
        open=_action(parent, std.Open),
        paste=_action(parent, std.Paste),
        save_result=_action(parent, std.SaveAs, "Ctrl+Shift+S"),
        export_mask=_action(parent, "Ctrl+E"),
        import_mask=_action(parent, "Ctrl+Shift+M"),
        preferences=_action(parent, std.Preferences, "Ctrl+,"),
        quit=_action(parent, std.Quit, "Ctrl+Q"),
        zoom_in=_action(parent, std.ZoomIn),
        zoom_out=_action(parent, std.ZoomOut),
        zoom_fit=_action(parent, "Ctrl+0"),
        zoom_100=_action(parent, "Ctrl+1"),
        fill=_action(parent),
        clear=_action(parent, "Ctrl+Shift+Backspace"),
        invert=_action(parent, "Ctrl+Shift+I"),
        grow=_action(parent, "Ctrl+]"),
        shrink=_action(parent, "Ctrl+["),
        shortcuts_help=_action(parent, std.HelpContents, "F1"),
        about=_action(parent),
        tools=tools,
        tool_group=group,
    )
    retranslate_actions(actions)
    return actions


def retranslate_actions(actions: EditorActions) -> None:
    """Set every action's text and tooltip in the current language (after a switch, too)."""
    for name, (text, tip) in _TEXTS.items():
        tip_text = _tr(str(tip)).format(GROW_STEP_PX) if tip is not None else ""
        _set_texts(getattr(actions, name), _tr(str(text)), tip_text)
    for tool, (text, _key, tip) in _TOOL_TEXTS.items():
        _set_texts(actions.tools[tool], _tr(str(text)), _tr(str(tip)))


def shortcuts_help_html() -> str:
    """The help text for the keyboard and mouse, as shown by Help ▸ Keyboard and mouse."""
    rows = [
        (_tr("B / E / R / L"), _tr("brush, eraser, rectangle, lasso")),
        (_tr("O / W / C"), _tr("object selection, magic wand, colour range")),
        (_tr("Shift while selecting"), _tr("add to the mask")),
        (_tr("[ and ]"), _tr("smaller / larger brush")),
        (_tr("Space + drag, middle button"), _tr("move the view")),
        (_tr("Mouse wheel"), _tr("zoom")),
        (_tr("Alt while drawing"), _tr("subtract from the mask")),
        (_tr("hold \\ (backslash)"), _tr("show the original instead of the result")),
        (_tr("Ctrl+Enter"), _tr("generate")),
        (_tr("Ctrl+Z / Ctrl+Shift+Z"), _tr("undo / redo mask edits")),
        (_tr("Ctrl+0 / Ctrl+1"), _tr("fit to window / 100 %")),
    ]
    body = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"
