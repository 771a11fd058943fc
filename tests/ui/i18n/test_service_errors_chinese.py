"""The service's own error text, told in Chinese wherever the window shows a failed job.

The stand-in fails the job's task with a given code and English message, as the service does;
the banner, the job list (row and tooltip), the history's tooltip and the Details dialog then
say what happened and what to do in Chinese, with the service's own words kept as the detail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.fakeserver import protocol
from tests.fakeserver.faults import TaskFailure
from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.api.errors import explain
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.jobs.detail import JobDetailDialog
from xpaint_desktop.ui.jobs.list import JobRow, stage_line
from xpaint_desktop.ui.shared.service_text import service_text
from xpaint_desktop.ui.window.main_window import MainWindow

SAID = "服务原文："


@pytest.fixture
def chinese(qapp: object) -> Iterator[None]:
    i18n.install_translators("zh_CN")
    yield
    i18n.install_translators("en")


def _run_one(qtbot: QtBot, window: MainWindow, image: Path, n: int = 1) -> JobRow:
    open_and_wait(qtbot, window, image)
    paint_mask(window)
    window.params.prompt.setPlainText("一杯拿铁")
    window.params.n_spin.setValue(n)
    window.params.request_generate()
    qtbot.waitUntil(
        lambda: (
            len(window.jobs.model.rows()) == 1 and window.jobs.model.rows()[0].status.is_finished
        ),
        timeout=JOB_TIMEOUT_MS,
    )
    return window.jobs.model.rows()[0]


def _tooltip(model: object, row: int) -> str:
    index = model.index(row, 0, QModelIndex())  # type: ignore[attr-defined]
    return str(model.data(index, Qt.ItemDataRole.ToolTipRole))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("code", "message", "title", "words"),
    [
        (
            "DataInspectionFailed",
            "Output data may contain inappropriate content.",
            "未通过内容审核",
            "修改提示词",
        ),
        ("InvalidParameter", protocol.MSG_SIZE, "参数被拒绝", "服务原文指明"),
        (
            "Arrearage",
            "Access denied, please make sure your account is in good standing.",
            "账户欠费或未开通",
            "阿里云控制台",
        ),
        ("Quota.Mystery", "Something new went wrong.", "服务错误 Quota.Mystery", "不认识"),
    ],
)
def test_a_task_failed_by_the_service_is_told_in_chinese(
    chinese: None,
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    code: str,
    message: str,
    title: str,
    words: str,
) -> None:
    fake_server_env.faults.fail_tasks = TaskFailure(code=code, message=message)
    window: MainWindow = make_window()
    row = _run_one(qtbot, window, data_dir / "coffee.png")
    assert row.status is JobStatus.FAILED
    assert len(fake_server_env.tasks) == 1

    banner = window.banner.text()
    assert window.banner.isVisible()
    assert banner.startswith(f"任务 #{row.job_id}")
    assert words in banner
    assert f"{SAID}{message}" in banner  # the service's own words, as they came
    assert explain(code) not in banner  # no English explanation left
    assert f"错误码 {code}" in banner

    assert stage_line(row) == f"失败: {title}"
    tip = _tooltip(window.jobs.model, 0)
    assert words in tip and f"{SAID}{message}" in tip

    library = window.library
    assert library is not None
    job = library.get_job(row.job_id)
    gallery = window.gallery_dock.gallery.model  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: gallery.row_of(job.id) is not None)
    history_tip = _tooltip(gallery, gallery.row_of(job.id))
    assert words in history_tip and f"{SAID}{message}" in history_tip

    dialog = JobDetailDialog(library, job.id)
    qtbot.addWidget(dialog)
    shown = [
        dialog.form.itemAt(i).widget().text()  # type: ignore[union-attr]
        for i in range(dialog.form.count())
        if dialog.form.itemAt(i).widget() is not None
    ]
    assert any(words in t and f"{SAID}{message}" in t for t in shown), shown


def test_a_failed_variant_is_told_in_chinese_in_the_results_strip(
    chinese: None,
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    fake_server_env.faults.partial_failures = frozenset({1})
    window: MainWindow = make_window()
    row = _run_one(qtbot, window, data_dir / "coffee.png", n=2)
    assert row.status is JobStatus.PARTIAL
    strip = window.results
    qtbot.waitUntil(lambda: strip.list.count() == 2)
    failed = strip.list.item(1)
    assert failed.text() == "2: 失败：服务超时"
    assert "稍后重新运行任务" in failed.toolTip()
    assert f"{SAID}{protocol.MSG_TIMEOUT}" in failed.toolTip()


def test_unknown_and_own_errors(chinese: None) -> None:
    unknown = service_text("Brand.New", "It broke.")
    assert unknown is not None
    assert unknown.title == "服务错误 Brand.New"
    assert "Brand.New" in unknown.sentence and unknown.detail == f"{SAID}It broke."
    assert service_text("NetworkError", "Cannot reach the service.") is None
    assert service_text(None, "whatever") is None
    quota = service_text("Throttling", "Free allocated quota exceeded.")
    assert quota is not None and quota.title == "免费额度已用完"
