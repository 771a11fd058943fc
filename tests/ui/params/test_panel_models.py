"""The parameter panel follows the chosen model: its fields, prompt limit, cost and region."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from xpaint_desktop.imaging.limits import IMAGEEDIT, MODEL_IMAGEEDIT, MODEL_X_PAINTING
from xpaint_desktop.spec import EngineKind, JobSpec
from xpaint_desktop.ui.params.panel import EditorState, ParamPanel

READY = EditorState(has_image=True, mask_empty=False, has_key=True, region="beijing")


def _panel(qtbot: QtBot) -> ParamPanel:
    panel = ParamPanel()
    qtbot.addWidget(panel)
    panel.set_editor_state(READY)
    return panel


def _shown(panel: ParamPanel) -> dict[str, bool]:
    fields = {
        "style": panel.style_combo,
        "size": panel.size_combo,
        "seed": panel.seed_edit,
        "watermark": panel.watermark_check,
    }
    return {name: panel.form.isRowVisible(field) for name, field in fields.items()}


def test_the_panel_shows_only_what_the_model_takes(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert panel.spec().model == MODEL_X_PAINTING
    assert _shown(panel) == {"style": True, "size": True, "seed": False, "watermark": False}
    assert panel.size_combo.count() == 4  # auto and the three sizes
    panel.set_model(MODEL_IMAGEEDIT)
    assert _shown(panel) == {"style": False, "size": False, "seed": True, "watermark": True}
    panel.set_model(MODEL_X_PAINTING)
    assert _shown(panel)["style"] and not _shown(panel)["seed"]


def test_prompt_counter_follows_75_or_800(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.prompt.setPlainText("x" * 100)
    assert panel.counter.text() == "100 / 75"
    assert panel.prompt.overflow() == "x" * 25
    panel.set_model(MODEL_IMAGEEDIT)
    assert panel.counter.text() == "100 / 800"
    assert panel.prompt.overflow() == "" and panel.prompt.overflow_selections() == []


def test_dice_draws_a_seed_that_goes_into_the_job(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_model(MODEL_IMAGEEDIT)
    panel.prompt.setPlainText("a paper crane")
    assert panel.spec().seed is None  # Random: the service draws one
    assert panel.seed_edit.spin.text() == "Random"
    panel.seed_edit.dice.click()
    low, high = IMAGEEDIT.seed_range or (0, 0)
    seed = panel.spec().seed
    assert seed is not None and low <= seed <= high
    panel.watermark_check.setChecked(True)
    spec = panel.spec()
    assert (spec.model, spec.seed, spec.watermark, spec.style, spec.size) == (
        MODEL_IMAGEEDIT,
        seed,
        True,
        "",
        "auto",
    )
    other = ParamPanel()
    qtbot.addWidget(other)
    other.set_spec(spec)
    assert other.spec() == spec  # a stored imageedit job comes back as it was


def test_x_painting_spec_carries_no_seed_or_watermark(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_model(MODEL_IMAGEEDIT)
    panel.seed_edit.set_seed(5)
    panel.set_model(MODEL_X_PAINTING)
    spec = panel.spec()
    assert spec.seed is None and spec.watermark is None and spec.style == "<auto>"


def test_cost_is_shown_before_a_paid_job(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert panel.cost_shown() == ""  # the free trial
    panel.set_model(MODEL_IMAGEEDIT)
    panel.n_spin.setValue(3)
    assert "3 × 0.02007 USD = 0.06021 USD" in panel.cost_shown()
    assert "2026-12-02" in panel.cost_shown()
    panel.set_engine(EngineKind.LOCAL)
    assert panel.cost_shown() == ""  # offline: nothing is billed


def test_a_model_the_endpoint_does_not_offer_is_said_in_the_panel(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_model(MODEL_IMAGEEDIT)
    panel.prompt.setPlainText("a hat")
    assert panel.generate_button.isEnabled()
    panel.set_editor_state(
        EditorState(has_image=True, mask_empty=False, has_key=True, region="international")
    )
    assert not panel.generate_button.isEnabled()
    assert "wanx2.1-imageedit is not offered by the chosen endpoint" in panel.reason_label.text()
    assert "International" in panel.reason_label.text()
    panel.set_editor_state(
        EditorState(has_image=True, mask_empty=False, has_key=True, region="custom")
    )
    assert panel.generate_button.isEnabled()  # a compatible server: not known, not refused


def test_an_unknown_model_in_a_stored_job_keeps_the_current_one(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_spec(JobSpec(prompt="old", model="wanx-v0"))
    assert panel.spec().model == MODEL_X_PAINTING
