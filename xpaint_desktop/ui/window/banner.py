"""A message strip above the canvas for errors and notices that must not interrupt.

A modal dialog would freeze the editor and can lose what was typed; this banner says what
happened and what to do about it in the person's language (the service's own words kept below),
and offers the action that helps (open Preferences, edit the prompt) and, for a failed job,
"Run again". The advice is picked by error class, which the API layer derives from the service's
`code`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from xpaint_desktop import errors
from xpaint_desktop.ui.shared.service_text import error_service_text

log = logging.getLogger(__name__)


class BannerLevel(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class BannerAction(Enum):
    """What the banner's button does; the window carries it out."""

    NONE = "none"
    OPEN_PREFERENCES = "preferences"
    EDIT_PROMPT = "prompt"
    USE_SUCCESSOR = "successor"  # the free trial is used up: the same job on the paid model
    CHOOSE_TASK = "choose"


@dataclass(frozen=True)
class Advice:
    """What a person should do about an error, and the button that helps."""

    text: str
    action: BannerAction = BannerAction.NONE
    level: BannerLevel = BannerLevel.ERROR


def _tr(text: str) -> str:
    return QCoreApplication.translate("Banner", text)


# A failed task reports the service's code on a generic error class; these codes decide.
_CLASS_BY_CODE: dict[str, type[errors.XPaintError]] = {
    "InvalidApiKey": errors.AuthError,
    "DataInspectionFailed": errors.ContentRejectedError,
    "data_inspection_failed": errors.ContentRejectedError,
    "IPInfringementSuspect": errors.ContentRejectedError,
    "AllocationQuota.FreeTierOnly": errors.QuotaExhaustedError,
}


def _effective_class(error: BaseException) -> type[BaseException]:
    code = getattr(error, "code", None)
    if isinstance(code, str):
        if code in _CLASS_BY_CODE:
            return _CLASS_BY_CODE[code]
        if code.startswith("Throttling"):
            return errors.ThrottledError
    return type(error)


def advice_for(error: BaseException) -> Advice:
    """Map an error to what a person should do, by its code first, then by its class."""
    return _advice_for_class(_effective_class(error))


def _advice_for_class(kind: type[BaseException]) -> Advice:
    if issubclass(kind, errors.AuthError):
        return Advice(
            _tr(
                "Check the API key in Preferences, and that it belongs to the region chosen "
                "there (a Beijing key does not work internationally, and the other way round)."
            ),
            BannerAction.OPEN_PREFERENCES,
        )
    if issubclass(kind, errors.ConfigError):
        return Advice(_tr("Open Preferences to fix this."), BannerAction.OPEN_PREFERENCES)
    if issubclass(kind, errors.ThrottledError):
        return Advice(
            _tr("The service is busy; the job will be retried automatically."),
            level=BannerLevel.WARNING,
        )
    if issubclass(kind, errors.ContentRejectedError):
        return Advice(
            _tr("Change the prompt (or the painted area) and generate again."),
            BannerAction.EDIT_PROMPT,
        )
    if issubclass(kind, errors.QuotaExhaustedError):
        return Advice(
            _tr(
                "The free trial of wanx-x-painting is used up, and it has no paid option. Its "
                "successor wanx2.1-imageedit is paid per image: switch the job to it, with the "
                "same image, mask and prompt."
            ),
            BannerAction.USE_SUCCESSOR,
        )
    if issubclass(kind, errors.AccessDeniedError):
        return Advice(
            _tr(
                "This account cannot use the model, or its free quota is used up. Check the "
                "model's access in the DashScope console, or use the offline engine."
            ),
            BannerAction.OPEN_PREFERENCES,
        )
    if issubclass(kind, errors.BillingError):
        return Advice(_tr("Check the account's billing in the DashScope console."))
    if issubclass(kind, errors.OutcomeUnknownError):
        return Advice(
            _tr(
                "The request was sent but no answer came back, so the task may exist. It is "
                "not sent again automatically; check the job list before generating again."
            ),
            level=BannerLevel.WARNING,
        )
    if issubclass(kind, errors.NetworkError):
        return Advice(
            _tr("Check the internet connection, or the proxy in Preferences."),
            BannerAction.OPEN_PREFERENCES,
        )
    if issubclass(kind, errors.ServerError):
        return Advice(_tr("A fault on the service's side; try again in a few minutes."))
    if issubclass(kind, errors.TaskExpiredError):
        return Advice(_tr("The service keeps tasks for 24 hours; generate again."))
    if issubclass(kind, errors.TaskFailedError):
        return Advice(_tr("Generate again, perhaps with a different prompt or painted area."))
    if issubclass(kind, errors.CancelledError):
        return Advice("", level=BannerLevel.INFO)
    if issubclass(kind, errors.InputError):
        return Advice(_tr("Fix the input and try again."))
    return Advice(_tr("If this keeps happening, look at the log for details."))


_STYLES = {
    BannerLevel.ERROR: "background:#fdecea; border:1px solid #e0a39c; color:#611a15;",
    BannerLevel.WARNING: "background:#fff4e5; border:1px solid #e6b35c; color:#663c00;",
    BannerLevel.INFO: "background:#e8f4fd; border:1px solid #8ec1e8; color:#0d3c61;",
}


class Banner(QFrame):
    """A closable message strip with one optional action button."""

    action_triggered = Signal(object)  # BannerAction
    run_again_requested = Signal(int)  # the failed job's id
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._action = BannerAction.NONE
        self._error: tuple[BaseException, str] | None = None
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setStyleSheet("border:none; background:transparent;")
        self._button = QPushButton()
        self._button.clicked.connect(self._on_action)
        self._again = QPushButton()
        self._again.clicked.connect(self._on_run_again)
        self._again.hide()
        self._again_job: int | None = None
        self._close = QToolButton()
        self._close.setText("✕")
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._button)
        layout.addWidget(self._again)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        """The button texts, and an error's advice again (the caller's own words stay)."""
        self._close.setToolTip(self.tr("Close this message"))
        self._button.setText(self._action_label(self._action))
        self._again.setText(self.tr("Run again"))
        self._again.setToolTip(
            self.tr(
                "Send the same image, mask and parameters again as a new job: a new task, "
                "billed again."
            )
        )
        if self._error is not None:
            error, context = self._error
            self._text.setText(self._error_text(error, context))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------
    def show_error(
        self, error: BaseException, *, context: str = "", run_again: int | None = None
    ) -> Advice:
        """Show what happened, what to do about it and the helpful action; with `run_again`
        (a failed job's id), also the button that runs that job again."""
        advice = advice_for(error)
        self.show_message(
            self._error_text(error, context), level=advice.level, action=advice.action
        )
        self._error = (error, context)
        self._again_job = run_again
        self._again.setVisible(run_again is not None)
        return advice

    def _error_text(self, error: BaseException, context: str) -> str:
        """What happened and what to do in the person's language; for the service's errors,
        its own words below, then the code and request id (for a support request)."""
        described = error_service_text(error)
        if described is not None:
            parts = [described.sentence, described.detail]
        else:
            parts = [str(error) or type(error).__name__, advice_for(error).text]
        if context:
            parts[0] = f"{context}: {parts[0]}"
        details = []
        code = getattr(error, "code", None)
        if isinstance(error, errors.ServiceError) and code:
            details.append(self.tr("code {0}").format(code))
        request_id = getattr(error, "request_id", None)
        if request_id:
            details.append(self.tr("request {0}").format(request_id))
        text = "\n".join(p for p in parts if p)
        if details:
            text += "\n(" + " · ".join(details) + ")"
        return text

    def show_message(
        self,
        text: str,
        *,
        level: BannerLevel = BannerLevel.INFO,
        action: BannerAction = BannerAction.NONE,
    ) -> None:
        self._text.setText(text)
        self._error = None
        self._again_job = None
        self._again.hide()
        self._action = action
        self._button.setVisible(action is not BannerAction.NONE)
        self._button.setText(self._action_label(action))
        self.setProperty("level", level.value)
        self.setStyleSheet(f"QFrame#banner {{{_STYLES[level]}}}")
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    # -- introspection for the window and the tests --------------------------------------
    def text(self) -> str:
        return self._text.text()

    def action(self) -> BannerAction:
        return self._action if self.isVisibleTo(self.parentWidget() or self) else BannerAction.NONE

    def action_button(self) -> QPushButton:
        return self._button

    def run_again_button(self) -> QPushButton:
        return self._again

    def level(self) -> BannerLevel:
        return BannerLevel(self.property("level") or BannerLevel.INFO.value)

    # -- internals ---------------------------------------------------------------------
    def _action_label(self, action: BannerAction) -> str:
        if action is BannerAction.OPEN_PREFERENCES:
            return self.tr("Open Preferences…")
        if action is BannerAction.EDIT_PROMPT:
            return self.tr("Edit the prompt")
        if action is BannerAction.USE_SUCCESSOR:
            return self.tr("Switch to wanx2.1-imageedit")
        if action is BannerAction.CHOOSE_TASK:
            return self.tr("Choose its task…")
        return ""

    def _on_action(self) -> None:
        self.action_triggered.emit(self._action)

    def _on_run_again(self) -> None:
        """Once per failure shown: the banner goes at the first press (a double press on it
        must not make two paid tasks); the new job shows in the job list."""
        job_id, self._again_job = self._again_job, None
        self._again.hide()
        if job_id is not None:
            self.run_again_requested.emit(job_id)
            self.dismiss()
