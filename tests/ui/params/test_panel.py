"""The parameter panel: Generate's validity and reasons, the prompt counter, spec round-trip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import FEATHER_MAX_PX, FEATHER_MIN_PX, X_PAINTING
from xpaint_desktop.imaging.validation import validate_spec
from xpaint_desktop.spec import ContextMode, EngineKind, JobSpec
from xpaint_desktop.ui.params.panel import OVERFLOW_BACKGROUND, EditorState, ParamPanel


def _panel(qtbot: QtBot) -> ParamPanel:
    panel = ParamPanel()
    qtbot.addWidget(panel)
    return panel


def _blocked(panel: ParamPanel, words: str) -> None:
    assert not panel.generate_button.isEnabled()
    assert words in panel.reason_label.text()
    assert panel.generate_button.toolTip() == panel.reason_label.text()


def test_generate_reasons_follow_what_is_missing(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    _blocked(panel, "Open an image")
    panel.set_editor_state(EditorState(has_image=True, mask_empty=True, has_key=False))
    _blocked(panel, "Paint over the area")
    panel.set_editor_state(EditorState(has_image=True, mask_empty=False, has_key=False))
    _blocked(panel, "API key")
    panel.set_editor_state(EditorState(has_image=True, mask_empty=False, has_key=True))
    _blocked(panel, "Type a prompt")
    panel.prompt.setPlainText("   ")
    _blocked(panel, "Type a prompt")
    panel.prompt.setPlainText("a red hat")
    assert panel.generate_button.isEnabled()
    assert panel.reason_label.text() == ""


def test_offline_engine_needs_neither_key_nor_prompt(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_editor_state(EditorState(has_image=True, mask_empty=False, has_key=False))
    _blocked(panel, "API key")
    assert not panel.engine_note.isVisibleTo(panel)  # the cloud engine reads the prompt
    panel.set_engine(EngineKind.LOCAL)
    assert panel.generate_button.isEnabled()
    assert panel.engine_note.isVisibleTo(panel)
    panel.set_editor_state(EditorState(has_image=True, mask_empty=True, has_key=False))
    _blocked(panel, "Paint over the area")


def test_generate_button_and_shortcut_emit_only_when_valid(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    emitted: list[bool] = []
    panel.generate_requested.connect(lambda: emitted.append(True))
    panel.request_generate()
    assert emitted == []
    panel.set_editor_state(EditorState(has_image=True, mask_empty=False, has_key=True))
    panel.prompt.setPlainText("a cat")
    panel.prompt.setFocus()
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert emitted == [True]
    assert panel.prompt.toPlainText() == "a cat"  # the shortcut did not type a new line
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert emitted == [True, True]


def test_prompt_counter_and_marked_overflow(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    limit = X_PAINTING.prompt_max_chars
    text = "猫" * (limit - 5)
    panel.prompt.setPlainText(text)
    assert panel.counter.text() == f"{limit - 5} / {limit}"
    assert panel.prompt.extraSelections() == []
    text = "🐱" + "猫" * (limit - 1) + "溢出的部分"
    panel.prompt.setPlainText(text)
    assert panel.counter.text() == f"{limit + 5} / {limit}"
    assert panel.prompt.overflow() == "溢出的部分"
    (selection,) = panel.prompt.extraSelections()
    assert selection.cursor.selectedText() == "溢出的部分"
    assert selection.format.background().color() == OVERFLOW_BACKGROUND
    assert "5" in panel.counter.toolTip()


def test_spec_round_trips_through_set_spec(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    spec = JobSpec(
        prompt="一只戴帽子的猫",
        style=X_PAINTING.styles[3].value,
        size=X_PAINTING.sizes[2],
        n=3,
        engine=EngineKind.LOCAL,
        context=ContextMode.FULL,
        feather=21,
        parent_job_id=7,
        parent_result_index=2,
        extra={"seed": 5},
    )
    assert panel.spec() != spec
    panel.set_spec(spec)
    assert panel.spec() == spec
    assert panel.style_combo.count() == len(X_PAINTING.styles)
    assert panel.size_combo.count() == len(X_PAINTING.sizes) + 1
    assert (panel.n_spin.minimum(), panel.n_spin.maximum()) == (X_PAINTING.n_min, X_PAINTING.n_max)


def test_the_feather_box_offers_exactly_what_validation_takes(qtbot: QtBot) -> None:
    """A feather typed in the window is one the job is accepted with, up to the limit."""
    panel = _panel(qtbot)
    panel.prompt.setPlainText("a red hat")
    spin = panel.feather_spin
    assert (spin.minimum(), spin.maximum()) == (FEATHER_MIN_PX, FEATHER_MAX_PX)
    for typed in ("100", str(FEATHER_MAX_PX), "0"):
        spin.selectAll()
        qtbot.keyClicks(spin, typed)
        qtbot.keyClick(spin, Qt.Key.Key_Enter)
        assert FEATHER_MIN_PX <= spin.value() <= FEATHER_MAX_PX, typed
        spec = panel.spec()
        assert validate_spec(spec, X_PAINTING).feather == spec.feather  # accepted at submit
    with pytest.raises(InputError, match=f"to {FEATHER_MAX_PX}"):
        validate_spec(replace(panel.spec(), feather=spin.maximum() + 1), X_PAINTING)
