"""Test connection: one request against the loopback stand-in, off the UI thread, in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.fakeserver.faults import ErrorBurst
from tests.fakeserver.server import FakeDashScope
from tests.ui.preferences.helpers import closed_port_url, make_dialog, use_custom_url
from xpaint_desktop import paths
from xpaint_desktop.ui.preferences.connection import (
    ConnectionOutcome,
    ConnectionRequest,
    Outcome,
    check_connection,
)
from xpaint_desktop.ui.preferences.dialog import PreferencesDialog

TIMEOUT_MS = 20_000


def _run(qtbot: QtBot, dialog: PreferencesDialog) -> ConnectionOutcome:
    with qtbot.waitSignal(dialog.tester.finished, timeout=TIMEOUT_MS) as signal:
        assert dialog.tester.start()
    outcome = signal.args[0]
    assert isinstance(outcome, ConnectionOutcome)
    assert not dialog.tester.is_busy() and dialog.tester.button.isEnabled()
    return outcome


def test_the_right_key_connects_without_blocking_the_event_loop(
    qtbot: QtBot, fake_server: FakeDashScope
) -> None:
    fake_server.faults.latency_s = 0.5
    dialog = make_dialog(qtbot)
    use_custom_url(dialog, fake_server.base_url)
    dialog.key_edit.setText(fake_server.api_key)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    assert dialog.tester.start()
    assert dialog.tester.is_busy() and not dialog.tester.button.isEnabled()
    assert dialog.tester.progress.isVisible()
    assert "Testing" in dialog.tester.result_label.text()
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=TIMEOUT_MS)
    assert dialog.tester.is_busy()  # the UI ran timers while the request was out
    qtbot.waitUntil(lambda: not dialog.tester.is_busy(), timeout=TIMEOUT_MS)
    timer.stop()
    outcome = dialog.tester.last_outcome()
    assert outcome is not None and outcome.outcome is Outcome.OK
    assert "the key works" in dialog.tester.result_label.text()
    assert not dialog.tester.progress.isVisible()
    assert len(fake_server.requests_to("/uploads", "GET")) == 1  # one request, no retries


def test_a_wrong_key_is_called_wrong_and_never_shown(
    qtbot: QtBot, fake_server: FakeDashScope
) -> None:
    dialog = make_dialog(qtbot)
    use_custom_url(dialog, fake_server.base_url)
    wrong = "sk-wrong-but-secret-987654"
    dialog.key_edit.setText(wrong)
    outcome = _run(qtbot, dialog)
    assert outcome.outcome is Outcome.WRONG_KEY
    text = dialog.tester.result_label.text()
    assert "Wrong key" in text and "127.0.0.1" in text and "region" in text
    assert wrong not in text and wrong not in repr(outcome)
    assert not paths.settings_file().exists()  # testing saves nothing


def test_a_closed_port_cannot_be_reached(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    url = closed_port_url()
    use_custom_url(dialog, url)
    dialog.key_edit.setText("sk-some-key-123456")
    outcome = _run(qtbot, dialog)
    assert outcome.outcome is Outcome.UNREACHABLE
    assert "Cannot reach 127.0.0.1" in dialog.tester.result_label.text()


def test_a_dead_proxy_is_named(qtbot: QtBot, fake_server: FakeDashScope) -> None:
    dialog = make_dialog(qtbot)
    use_custom_url(dialog, fake_server.base_url)
    proxy = closed_port_url().removesuffix("/api/v1")
    dialog.proxy_edit.setText(proxy)
    dialog.key_edit.setText(fake_server.api_key)
    outcome = _run(qtbot, dialog)
    assert outcome.outcome is Outcome.PROXY
    text = dialog.tester.result_label.text()
    assert "proxy" in text and proxy.removeprefix("http://") in text


def test_the_stored_or_environment_key_is_tested_when_none_is_typed(
    qtbot: QtBot, fake_server_env: FakeDashScope
) -> None:
    dialog = make_dialog(qtbot)  # region Beijing, but DASHSCOPE_HTTP_BASE_URL wins
    assert _run(qtbot, dialog).outcome is Outcome.OK


def test_nothing_is_sent_without_a_key_or_with_an_invalid_url(
    qtbot: QtBot, fake_server: FakeDashScope
) -> None:
    dialog = make_dialog(qtbot)
    use_custom_url(dialog, fake_server.base_url)
    assert not dialog.tester.start()
    assert "no key" in dialog.tester.result_label.text()
    dialog.key_edit.setText(fake_server.api_key)
    dialog.custom_url_edit.setText("not a url")
    assert not dialog.tester.start()
    assert "http://" in dialog.tester.result_label.text()
    assert fake_server.requests == []


@pytest.mark.parametrize(
    ("status", "code", "outcome"),
    [
        (403, "AllocationQuota.FreeTierOnly", Outcome.NO_ACCESS),
        (400, "Arrearage", Outcome.BILLING),
        (500, "InternalError", Outcome.SERVER),
    ],
)
def test_service_answers_are_sorted(
    fake_server: FakeDashScope, status: int, code: str, outcome: Outcome
) -> None:
    fake_server.faults.error_burst = ErrorBurst(
        count=1, status=status, code=code, path_contains="uploads"
    )
    found = check_connection(ConnectionRequest(fake_server.api_key, fake_server.base_url))
    assert found.outcome is outcome and found.code == code
