"""Everything about one job: its variants at full size, why any of them failed, its lineage.

The gallery shows a thumbnail; this window answers "what exactly did I ask for, what came back,
and where did it come from". Variants are decoded in the background (they can be 4096 pixels),
failed ones show the service's own reason, and the lineage links (the job it was made from, the
jobs made from it) are clickable, so a chain of edits can be walked back and forth.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.imaging.limits import MODELS
from xpaint_desktop.library.models import JobRecord, ResultRecord
from xpaint_desktop.library.store import Library
from xpaint_desktop.ui.gallery.model import local_time, readable_style
from xpaint_desktop.ui.shared.background import Background, qimage_from_file, qimage_from_pil
from xpaint_desktop.ui.shared.names import size_name, stage_name
from xpaint_desktop.ui.shared.note_text import stored_note_text
from xpaint_desktop.ui.shared.service_text import service_text

log = logging.getLogger(__name__)

_LINK = "job:"


def _job_link(job: JobRecord) -> str:
    prompt = job.prompt if len(job.prompt) <= 40 else job.prompt[:39] + "…"
    return f'<a href="{_LINK}{job.id}">#{job.id}</a> {html.escape(prompt)}'


class JobDetailDialog(QDialog):
    """Parameters, variants and lineage of one job; links move it to another job."""

    open_in_editor = Signal(int)
    reuse_parameters = Signal(object)  # JobSpec
    job_shown = Signal(int)

    def __init__(self, library: Library, job_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = Background(self)
        self.library = library
        self.resize(900, 700)
        self.job: JobRecord | None = None
        self.image_labels: dict[int, QLabel] = {}
        self._generation = 0
        self.prompt_label = QLabel(self)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.parent_label = self._link_label()
        self.children_label = self._link_label()
        self.variants = QWidget(self)
        self.variants_layout = QVBoxLayout(self.variants)
        scroll = QScrollArea(self)
        scroll.setWidget(self.variants)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton(self.tr("Open in editor"), self)
        self.reuse_button = QPushButton(self.tr("Reuse parameters"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reuse_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._open)
        self.reuse_button.clicked.connect(self._reuse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addLayout(self.form)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.show_job(job_id)

    def _link_label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.linkActivated.connect(self._link)
        return label

    def _link(self, href: str) -> None:
        if href.startswith(_LINK) and href[len(_LINK) :].isdigit():
            self.show_job(int(href[len(_LINK) :]))

    def show_job(self, job_id: int) -> None:
        """Show another job in this window (a lineage link was followed)."""
        try:
            job = self.library.get_job(job_id)
        except KeyError:
            self.prompt_label.setText(
                self.tr("Job {0} is no longer in the library.").format(job_id)
            )
            return
        self.job = job
        self._generation += 1
        self.setWindowTitle(self.tr("Job {0}").format(job.id))
        self.prompt_label.setText(f"<b>{html.escape(job.prompt)}</b>")
        self._fill_form(job)
        self._fill_variants(job)
        self.job_shown.emit(job.id)

    def _fill_form(self, job: JobRecord) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.parent_label = self._link_label()
        self.children_label = self._link_label()
        spec = job.spec
        limits = MODELS.get(spec.model)
        rows = [
            (self.tr("Status"), stage_name(job.status)),
            (self.tr("Created"), local_time(job.created_at).toString(Qt.DateFormat.TextDate)),
            (self.tr("Model"), spec.model),
        ]
        if limits is None or limits.styles:
            rows.append((self.tr("Style"), readable_style(job)))
        if limits is None or limits.takes_size:
            size = size_name(spec.size) if "*" in spec.size else self.tr("Automatic")
            rows.append((self.tr("Size"), size))
        if limits is not None and limits.takes_seed:
            rows.append(
                (self.tr("Seed"), self.tr("Random") if spec.seed is None else str(spec.seed))
            )
        if limits is not None and limits.takes_watermark:
            rows.append((self.tr("Watermark"), self.tr("On") if spec.watermark else self.tr("Off")))
        rows += [(self.tr("Variants"), str(spec.n)), (self.tr("Source"), job.source_name)]
        if job.task_id:
            rows.append((self.tr("Task id"), job.task_id))
        if job.request_id:
            rows.append((self.tr("Request id"), job.request_id))
        if (noted := stored_note_text(job)) is not None:
            rows.append((self.tr("Error"), noted))
        elif job.error_message or job.error_code:
            described = service_text(job.error_code, job.error_message)
            said = described.full() if described else job.error_message or ""
            rows.append((self.tr("Error"), f"{said} ({job.error_code or ''})"))
        if job.note:
            rows.append((self.tr("Note"), job.note))
        for name, value in rows:
            label = QLabel(value, self)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(name, label)
        parent = self.library.parent(job.id)
        self.parent_label.setText(_job_link(parent) if parent else self.tr("(none)"))
        children = self.library.children(job.id)
        self.children_label.setText(
            "<br>".join(_job_link(c) for c in children) if children else self.tr("(none)")
        )
        self.form.addRow(self.tr("Made from"), self.parent_label)
        self.form.addRow(self.tr("Made from it"), self.children_label)

    def _fill_variants(self, job: JobRecord) -> None:
        while (item := self.variants_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.image_labels = {}
        if not job.results:
            self.variants_layout.addWidget(QLabel(self.tr("No results yet."), self.variants))
        for result in job.results:
            self._add_variant(job, result)
        self.variants_layout.addStretch(1)

    def _add_variant(self, job: JobRecord, result: ResultRecord) -> None:
        title = QLabel(f"<b>{self.tr('Variant {0}').format(result.index + 1)}</b>", self.variants)
        self.variants_layout.addWidget(title)
        body = QLabel(self.variants)
        body.setWordWrap(True)
        self.variants_layout.addWidget(body)
        source = result.composite_path or result.path
        if not result.ok or source is None:
            described = service_text(result.code, result.message)
            reason = described.full() if described else result.message or self.tr("no reason given")
            code = f" ({result.code})" if result.code else ""
            body.setText(self.tr("Failed: {0}").format(reason) + code)
            return
        body.setText(self.tr("Loading…"))
        self.image_labels[result.index] = body
        generation = self._generation

        def shown(image: object) -> None:
            if generation == self._generation and isinstance(image, QImage):
                body.setPixmap(QPixmap.fromImage(image))

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                body.setText(self.tr("The picture cannot be shown: {0}").format(exc))

        sent = source

        def picture() -> QImage:
            from xpaint_desktop.library.composites import composite_image

            if result.composite_path is None and job.placement_json is None:
                return qimage_from_file(sent)  # recovered without its placement: as sent
            return qimage_from_pil(composite_image(job, result))

        self._background.run(picture, shown, failed)

    def done(self, result: int) -> None:
        self._generation += 1  # images still loading are not shown in a closed window
        super().done(result)

    def _open(self) -> None:
        if self.job is not None:
            self.open_in_editor.emit(self.job.id)

    def _reuse(self) -> None:
        if self.job is not None:
            self.reuse_parameters.emit(self.job.spec)
