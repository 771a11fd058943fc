"""Choosing a job's task when a lost creation answer left several tasks that could be its own.

The account's task list showed more than one task created around the moment the job was sent
(another device of the same account may have sent some), so the job waits for a person
(`JobStatus.AWAITING_CHOICE`). This dialog lists those tasks with their creation time and status;
"Use this task" adopts one (no new task), "Send again" creates a new task, which is billed. The
dialog only shows and asks: the window hands its requests to the worker thread, which asks the
service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.ui.shared.names import stage_name, status_value

if TYPE_CHECKING:
    from xpaint_desktop.api.tasklist import TaskSummary

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChoiceDialog(QDialog):
    """The candidate tasks of one job: adopt one, or send the job again."""

    adopt_requested = Signal(int, str)  # job id, task id
    send_again_requested = Signal(int)  # job id

    def __init__(self, job_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job_id = job_id
        self.setWindowTitle(self.tr("Job #{0}: which task is its own?").format(job_id))
        self.intro = QLabel(
            self.tr(
                "The service's answer to this job was lost, and the account's task list shows "
                "several tasks sent around that moment (another device of this account may have "
                "sent some). Choose this job's task to fetch its images, or send the job again."
            )
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Created"), self.tr("Status"), self.tr("Task")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.state = QLabel(self.tr("Asking the service for the account's tasks…"))
        self.state.setWordWrap(True)
        self.warning = QLabel(
            self.tr("Sending again creates a new task on the service, and it is billed.")
        )
        self.warning.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.use_button = QPushButton(self.tr("Use this task"))
        self.send_again_button = QPushButton(self.tr("Send again"))
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.send_again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.use_button.clicked.connect(self._use_selected)
        self.send_again_button.clicked.connect(self._send_again)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self._update_buttons()

    def set_candidates(self, candidates: Sequence[TaskSummary]) -> None:
        """Show the tasks, oldest first."""
        ordered = sorted(candidates, key=lambda c: (c.created is None, c.created, c.task_id))
        self.table.setRowCount(len(ordered))
        for i, c in enumerate(ordered):
            created = c.created.astimezone().strftime("%Y-%m-%d %H:%M:%S") if c.created else "—"
            status = stage_name(status_value(c.status).lower())
            for col, text in enumerate((created, status, c.task_id)):
                item = QTableWidgetItem(text)
                item.setData(TASK_ID_ROLE, c.task_id)
                self.table.setItem(i, col, item)
        self.state.setText(
            self.tr("No task of the account matches any more; send the job again.")
            if not ordered
            else ""
        )
        self.state.setVisible(not ordered)
        self._update_buttons()

    def show_error(self, message: str) -> None:
        self.state.setText(message)
        self.state.show()

    def task_ids(self) -> list[str]:
        """The listed task ids, in the table's order."""
        items = (self.table.item(i, 2) for i in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]

    def select_task(self, task_id: str) -> None:
        self.table.selectRow(self.task_ids().index(task_id))

    def selected_task(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(TASK_ID_ROLE)) if rows else None

    def _update_buttons(self) -> None:
        self.use_button.setEnabled(self.selected_task() is not None)

    def _use_selected(self) -> None:
        task_id = self.selected_task()
        if task_id is not None:
            self.adopt_requested.emit(self.job_id, task_id)
            self.accept()

    def _send_again(self) -> None:
        self.send_again_requested.emit(self.job_id)
        self.accept()
