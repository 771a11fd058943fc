"""The editor's commands as `QAction`s with the platform's standard shortcuts.

Built in one place so the menus, the tool bar and the help text show the same actions with
the same shortcuts. The window connects each action to its handler; undo and redo come from
the canvas's `QUndoStack`, so their texts name the step ("Undo Brush stroke").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from xpaint_desktop.ui.canvas_tools import Tool

GROW_STEP_PX = 8


def _tr(text: str) -> str:
    return QCoreApplication.translate("EditorActions", text)


def _action(
    parent: QObject,
    text: str,
    *shortcuts: QKeySequence.StandardKey | str,
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    keys: list[QKeySequence] = []
    for s in shortcuts:
        if isinstance(s, QKeySequence.StandardKey):
            keys.extend(QKeySequence.keyBindings(s))
        else:
            keys.append(QKeySequence(s))
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    elif keys:
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys[0].toString()})")
    return action


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


# Marked for the translation tools here, translated by `_tr` where the actions are made.
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
}


def build_actions(parent: QObject) -> EditorActions:
    """Create the actions (not yet connected to anything)."""
    std = QKeySequence.StandardKey
    group = QActionGroup(parent)
    group.setExclusive(True)
    tools: dict[Tool, QAction] = {}
    for tool, (text, key, tip) in _TOOL_TEXTS.items():
        act = _action(parent, _tr(str(text)), key, tip=_tr(str(tip)))
        act.setCheckable(True)
        act.setData(tool.value)
        group.addAction(act)
        tools[tool] = act
    tools[Tool.BRUSH].setChecked(True)
    return EditorActions(
        open=_action(parent, _tr("&Open…"), std.Open),
        paste=_action(
            parent, _tr("&Paste image"), std.Paste, tip=_tr("Open the image on the clipboard")
        ),
        save_result=_action(parent, _tr("&Save result as…"), std.SaveAs, "Ctrl+Shift+S"),
        export_mask=_action(parent, _tr("&Export mask…"), "Ctrl+E"),
        import_mask=_action(parent, _tr("&Import mask…"), "Ctrl+Shift+M"),
        preferences=_action(parent, _tr("P&references…"), std.Preferences, "Ctrl+,"),
        quit=_action(parent, _tr("&Quit"), std.Quit, "Ctrl+Q"),
        zoom_in=_action(parent, _tr("Zoom &in"), std.ZoomIn),
        zoom_out=_action(parent, _tr("Zoom &out"), std.ZoomOut),
        zoom_fit=_action(parent, _tr("&Fit to window"), "Ctrl+0"),
        zoom_100=_action(parent, _tr("&Actual pixels (100 %)"), "Ctrl+1"),
        fill=_action(parent, _tr("&Fill mask"), tip=_tr("Mark the whole image for repainting")),
        clear=_action(parent, _tr("&Clear mask"), "Ctrl+Shift+Backspace"),
        invert=_action(parent, _tr("In&vert mask"), "Ctrl+Shift+I"),
        grow=_action(
            parent,
            _tr("&Grow mask"),
            "Ctrl+]",
            tip=_tr("Grow the mask by {0} px").format(GROW_STEP_PX),
        ),
        shrink=_action(
            parent,
            _tr("&Shrink mask"),
            "Ctrl+[",
            tip=_tr("Shrink the mask by {0} px").format(GROW_STEP_PX),
        ),
        shortcuts_help=_action(parent, _tr("&Keyboard and mouse"), std.HelpContents, "F1"),
        about=_action(parent, _tr("&About xpaint-desktop")),
        tools=tools,
        tool_group=group,
    )


def shortcuts_help_html() -> str:
    """The help text for the keyboard and mouse, as shown by Help ▸ Keyboard and mouse."""
    rows = [
        (_tr("B / E / R / L"), _tr("brush, eraser, rectangle, lasso")),
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
