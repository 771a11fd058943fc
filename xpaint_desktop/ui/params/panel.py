"""The parameters of the next job, and the Generate button that freezes them into a JobSpec.

The panel knows the service's limits (prompt length, styles, sizes, number of images, seed,
watermark, price, regions) only through `imaging.limits`, and shows only what the chosen model
takes: styles and the three output sizes for wanx-x-painting, a seed with a dice button and the
watermark for wanx2.1-imageedit; the prompt counter follows the model's limit, and a paid model's
cost (images x price) is shown before Generate. It never lets a person press Generate into a
certain failure: while anything is missing (an image, a painted area, an API key for the cloud,
a prompt, a model the chosen endpoint offers) the button is disabled and a label says why. The
prompt's characters past the service's limit are marked, because the service silently cuts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.imaging.limits import (
    FEATHER_MAX_PX,
    FEATHER_MIN_PX,
    IMAGEEDIT,
    MODELS,
    ModelLimits,
    limits_for,
)
from xpaint_desktop.imaging.validation import REGION_NAMES
from xpaint_desktop.spec import DEFAULT_FEATHER_PX, SIZE_AUTO, ContextMode, EngineKind, JobSpec
from xpaint_desktop.ui.params.cost import cost_text
from xpaint_desktop.ui.params.seed import SeedEdit
from xpaint_desktop.ui.shared.names import model_name, region_name, size_name, style_name
from xpaint_desktop.ui.shared.retranslate import set_combo_items
from xpaint_desktop.ui.shared.widgets import select_data

OVERFLOW_BACKGROUND = QColor("#f8c4c4")


@dataclass(frozen=True)
class EditorState:
    """What the panel needs to know about the rest of the window to judge Generate."""

    has_image: bool = False
    mask_empty: bool = True
    has_key: bool = False
    region: str = "custom"  # the chosen endpoint's region; "custom": not known


def utf16_index(text: str, chars: int) -> int:
    """Qt positions count UTF-16 units; the service counts characters."""
    return len(text[:chars].encode("utf-16-le")) // 2


class PromptEdit(QPlainTextEdit):
    """A prompt box that marks the characters the service will cut off."""

    def __init__(self, max_chars: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_chars = max_chars
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._mark_overflow)

    def set_max_chars(self, max_chars: int) -> None:
        """Follow another model's limit (75 or 800 characters)."""
        self.max_chars = max_chars
        self._mark_overflow()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._mark_overflow()  # the mark's tooltip
        super().changeEvent(event)

    def overflow(self) -> str:
        """The part of the prompt past the limit (what the service drops)."""
        return self.toPlainText()[self.max_chars :]

    def overflow_selections(self) -> list[QTextEdit.ExtraSelection]:
        return list(self.extraSelections())

    def _mark_overflow(self) -> None:
        text = self.toPlainText()
        if len(text) <= self.max_chars:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(OVERFLOW_BACKGROUND)
        fmt.setToolTip(self.tr("The service ignores everything past this point."))
        selection.format = fmt
        cursor = QTextCursor(self.document())
        cursor.setPosition(utf16_index(text, self.max_chars))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        self.setExtraSelections([selection])


class ParamPanel(QWidget):
    """Prompt, model and what it takes, count, engine, context and feather; `spec()` freezes
    them."""

    generate_requested = Signal()
    spec_changed = Signal()

    def __init__(
        self,
        limits: ModelLimits | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.limits = limits or limits_for(JobSpec(prompt="").model)
        self._state = EditorState()
        self._parent_job_id: int | None = None
        self._parent_result_index: int | None = None
        self._extra: dict[str, object] = {}
        self._build()
        self._update_counter()
        self._update_validity()

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        lim = self.limits
        self.prompt = PromptEdit(lim.prompt_max_chars)
        self.prompt.setMinimumHeight(70)
        self.prompt.setMaximumHeight(130)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.model_combo = QComboBox()
        self.style_combo = QComboBox()
        self.size_combo = QComboBox()
        self.seed_edit = SeedEdit(IMAGEEDIT.seed_range or (0, 0))
        self.watermark_check = QCheckBox()
        self.n_spin = QSpinBox()
        self.n_spin.setRange(lim.n_min, lim.n_max)
        self.engine_combo = QComboBox()
        self.context_combo = QComboBox()
        self.feather_spin = QSpinBox()
        self.feather_spin.setRange(FEATHER_MIN_PX, FEATHER_MAX_PX)  # what validation takes

        self.engine_note = QLabel()
        self.engine_note.setWordWrap(True)
        self.engine_note.setStyleSheet("color: palette(mid);")
        self.cost_label = QLabel()
        self.cost_label.setWordWrap(True)

        self.generate_button = QPushButton()
        self.generate_button.setDefault(True)
        self.generate_button.setMinimumHeight(32)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        # a hint of what to do next (not an error: no alarm colour)
        self.reason_label.setStyleSheet("font-style: italic;")
        self.prompt_label = QLabel()

        self.form = form = QFormLayout()
        self._captions: list[QLabel] = []
        for field in (
            self.model_combo,
            self.style_combo,
            self.size_combo,
            self.seed_edit,
            self.watermark_check,
            self.n_spin,
            self.engine_combo,
            self.context_combo,
            self.feather_spin,
        ):
            self._captions.append(QLabel())
            form.addRow(self._captions[-1], field)
        self.retranslate_ui()
        self.engine_note.setVisible(self.engine() is EngineKind.LOCAL)
        self.feather_spin.setValue(DEFAULT_FEATHER_PX)
        self._show_model_fields()

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.prompt)
        layout.addWidget(self.counter)
        layout.addLayout(form)
        layout.addWidget(self.engine_note)
        layout.addWidget(self.cost_label)
        layout.addWidget(self.generate_button)
        layout.addWidget(self.reason_label)
        layout.addStretch(1)

        self.prompt.textChanged.connect(self._on_prompt_changed)
        self.model_combo.currentIndexChanged.connect(self._on_model_changed)
        for combo in (self.style_combo, self.size_combo, self.engine_combo, self.context_combo):
            combo.currentIndexChanged.connect(self._on_changed)
        self.seed_edit.changed.connect(self._on_changed)
        self.watermark_check.toggled.connect(self._on_changed)
        for spin in (self.n_spin, self.feather_spin):
            spin.valueChanged.connect(self._on_changed)
        self.generate_button.clicked.connect(self.request_generate)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.request_generate)

    def retranslate_ui(self) -> None:
        """Every text of the panel in the current language; the choices made stay selected."""
        lim = self.limits
        self.prompt_label.setText(self.tr("Prompt"))
        self.prompt.setPlaceholderText(self.tr("Describe what should appear in the painted area"))
        set_combo_items(self.model_combo, [(model_name(m), m.model) for m in MODELS.values()])
        self.model_combo.setToolTip(
            self.tr(
                "wanx-x-painting is a free trial of 500 images per account; its successor "
                "wanx2.1-imageedit is paid per image and takes longer prompts and a seed"
            )
        )
        self._fill_model_choices(lim)
        self.watermark_check.setText(self.tr("Mark the result as AI-generated"))
        self.n_spin.setToolTip(self.tr("How many variants to generate at once"))
        set_combo_items(
            self.engine_combo,
            [
                (self.tr("Cloud (DashScope)"), EngineKind.CLOUD.value),
                (self.tr("Offline (fills from the surroundings)"), EngineKind.LOCAL.value),
            ],
        )
        set_combo_items(
            self.context_combo,
            [
                (self.tr("Around the painted area"), ContextMode.AUTO.value),
                (self.tr("Whole image"), ContextMode.FULL.value),
            ],
        )
        self.context_combo.setToolTip(
            self.tr(
                "Around the painted area: a crop around the mask is sent, so small areas get "
                "more detail. Whole image: the entire picture is sent."
            )
        )
        self.feather_spin.setSuffix(self.tr(" px"))
        self.feather_spin.setToolTip(
            self.tr("How softly the result blends into the photo at the mask's edge")
        )
        self.engine_note.setText(self.tr("The offline engine ignores the prompt."))
        self.generate_button.setText(self.tr("Generate"))
        captions = (
            self.tr("Model"),
            self.tr("Style"),
            self.tr("Output size"),
            self.tr("Seed"),
            self.tr("Watermark"),
            self.tr("Images"),
            self.tr("Engine"),
            self.tr("Context"),
            self.tr("Feather"),
        )
        for label, caption in zip(self._captions, captions, strict=True):
            label.setText(caption)
        self._update_counter()
        self._update_validity()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the spec --------------------------------------------------------------------------
    def spec(self) -> JobSpec:
        """Freeze the current parameters (the prompt as typed; the service cuts the rest).

        Only what the chosen model takes is set: style and size for wanx-x-painting, seed and
        watermark for wanx2.1-imageedit.
        """
        lim = self.limits
        return JobSpec(
            prompt=self.prompt.toPlainText().strip(),
            style=str(self.style_combo.currentData()) if lim.styles else "",
            size=str(self.size_combo.currentData()) if lim.takes_size else SIZE_AUTO,
            n=self.n_spin.value(),
            seed=self.seed_edit.seed() if lim.takes_seed else None,
            watermark=self.watermark_check.isChecked() if lim.takes_watermark else None,
            engine=EngineKind(self.engine_combo.currentData()),
            context=ContextMode(self.context_combo.currentData()),
            feather=self.feather_spin.value(),
            model=self.limits.model,
            parent_job_id=self._parent_job_id,
            parent_result_index=self._parent_result_index,
            extra=dict(self._extra),
        )

    def set_spec(self, spec: JobSpec) -> None:
        """Show a stored job's parameters (e.g. to repeat it); unknown values are kept out."""
        self.set_model(spec.model)
        self.prompt.setPlainText(spec.prompt)
        self.seed_edit.set_seed(spec.seed)
        if spec.watermark is not None:
            self.watermark_check.setChecked(spec.watermark)
        select_data(self.style_combo, spec.style)
        select_data(self.size_combo, spec.size)
        self.n_spin.setValue(spec.n)
        select_data(self.engine_combo, EngineKind(spec.engine).value)
        select_data(self.context_combo, ContextMode(spec.context).value)
        self.feather_spin.setValue(spec.feather)
        self._parent_job_id = spec.parent_job_id
        self._parent_result_index = spec.parent_result_index
        self._extra = dict(spec.extra)
        self._on_changed()

    def set_parent(self, job_id: int | None, result_index: int | None) -> None:
        """The next job continues from this result ("Use as new base"), or from nothing."""
        self._parent_job_id = job_id
        self._parent_result_index = result_index if job_id is not None else None
        self.spec_changed.emit()

    def set_model(self, model: str) -> None:
        """Choose a model by name (a model this version does not know is left out)."""
        select_data(self.model_combo, model)

    def set_engine(self, engine: EngineKind) -> None:
        select_data(self.engine_combo, EngineKind(engine).value)

    def engine(self) -> EngineKind:
        return EngineKind(self.engine_combo.currentData())

    # -- validity ------------------------------------------------------------------------
    def set_editor_state(self, state: EditorState) -> None:
        self._state = state
        self._update_validity()

    def editor_state(self) -> EditorState:
        return self._state

    def invalid_reason(self) -> str | None:
        """Why Generate cannot run now, or None when it can."""
        state = self._state
        cloud = self.engine() is EngineKind.CLOUD
        if not state.has_image:
            return self.tr("Open an image first (File ▸ Open, or drop a file on the window).")
        if state.mask_empty:
            return self.tr("Paint over the area to change (the mask is empty).")
        if cloud and not state.has_key:
            return self.tr("Enter a DashScope API key in Preferences, or use the offline engine.")
        if cloud and not self.prompt.toPlainText().strip():
            return self.tr("Type a prompt: what should appear in the painted area.")
        if cloud and state.region in REGION_NAMES and not self.limits.offered_in(state.region):
            return self.tr(
                "{0} is not offered by the chosen endpoint ({1}). Choose the Beijing endpoint in "
                "Preferences, or another model."
            ).format(self.limits.model, region_name(state.region))
        return None

    def request_generate(self) -> None:
        if self.invalid_reason() is None:
            self.generate_requested.emit()

    def focus_prompt(self) -> None:
        self.prompt.setFocus(Qt.FocusReason.OtherFocusReason)
        self.prompt.selectAll()

    # -- internals -------------------------------------------------------------------------
    def _on_prompt_changed(self) -> None:
        self._update_counter()
        self._on_changed()

    def _on_model_changed(self) -> None:
        self.limits = limits_for(str(self.model_combo.currentData()))
        self._fill_model_choices(self.limits)
        if self.limits.watermark_default is not None:
            self.watermark_check.setChecked(self.limits.watermark_default)
        self.prompt.set_max_chars(self.limits.prompt_max_chars)
        self._show_model_fields()
        self._update_counter()
        self._on_changed()

    def _fill_model_choices(self, lim: ModelLimits) -> None:
        set_combo_items(self.style_combo, [(style_name(s), s.value) for s in lim.styles])
        set_combo_items(
            self.size_combo,
            [(self.tr("Auto (closest to the painted area's shape)"), SIZE_AUTO)]
            + [(size_name(size), size) for size in lim.sizes],
        )

    def _show_model_fields(self) -> None:
        """Only the fields the chosen model takes."""
        lim = self.limits
        for field, shown in (
            (self.style_combo, bool(lim.styles)),
            (self.size_combo, lim.takes_size),
            (self.seed_edit, lim.takes_seed),
            (self.watermark_check, lim.takes_watermark),
        ):
            self.form.setRowVisible(field, shown)

    def _update_cost(self) -> None:
        paid = self.engine() is EngineKind.CLOUD and self.limits.is_paid
        self.cost_label.setVisible(paid)
        if paid:
            self.cost_label.setText(
                self.tr("Cost of this job: {0}").format(cost_text(self.limits, self.n_spin.value()))
            )

    def cost_shown(self) -> str:
        """The cost line as shown, or "" for a free model or the offline engine."""
        return self.cost_label.text() if self.cost_label.isVisibleTo(self) else ""

    def _on_changed(self) -> None:
        self.engine_note.setVisible(self.engine() is EngineKind.LOCAL)
        self._update_cost()
        self._update_validity()
        self.spec_changed.emit()

    def _update_counter(self) -> None:
        count = len(self.prompt.toPlainText())
        limit = self.limits.prompt_max_chars
        self.counter.setText(f"{count} / {limit}")
        if count > limit:
            self.counter.setStyleSheet("color: #b00020; font-weight: bold;")
            self.counter.setToolTip(
                self.tr("{0} characters past the limit are cut by the service.").format(
                    count - limit
                )
            )
        else:
            self.counter.setStyleSheet("")
            self.counter.setToolTip(
                self.tr("The service reads up to {0} characters.").format(limit)
            )

    def _update_validity(self) -> None:
        reason = self.invalid_reason()
        self.generate_button.setEnabled(reason is None)
        self.reason_label.setText(reason or "")
        self.reason_label.setVisible(reason is not None)
        self.generate_button.setToolTip(reason or self.tr("Generate (Ctrl+Enter)"))
