"""The "Test connection": one authenticated request with what the Preferences dialog holds.

A person who pastes a key wants to know before their first job whether it works, and if not,
why: a wrong key (often one from the other region), a host that cannot be reached, a proxy that
refuses. `check_connection` makes the request (in a pool thread, never on the UI thread) and
sorts the outcome into a `ConnectionOutcome`; `ConnectionTester` is the button, the busy state
and the sentence that reports it. The key never appears in the result: the client redacts it
from its errors and `check_connection` masks it once more in any text it keeps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from xpaint_desktop.errors import (
    AccessDeniedError,
    AuthError,
    BillingError,
    ConfigError,
    NetworkError,
    ServerError,
    ThrottledError,
    XPaintError,
)
from xpaint_desktop.ui.shared.background import Background
from xpaint_desktop.ui.shared.service_text import service_text

log = logging.getLogger(__name__)

TEST_TIMEOUT_S = 15.0


class Outcome(Enum):
    """What one test request found out."""

    OK = "ok"
    NO_KEY = "no-key"
    BAD_KEY_FORMAT = "bad-key-format"
    WRONG_KEY = "wrong-key"
    NO_ACCESS = "no-access"
    BILLING = "billing"
    BUSY = "busy"
    SERVER = "server"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    PROXY = "proxy"
    OTHER = "other"


@dataclass(frozen=True)
class ConnectionOutcome:
    """The outcome, the host it concerns, the service's code and any detail worth showing."""

    outcome: Outcome
    host: str
    code: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


@dataclass(frozen=True)
class ConnectionRequest:
    """What to test: the key, the service URL and the proxy ("" = the environment's).

    Without a typed `key`, `read_key` gives the stored one; it may block on the keyring, so
    `check_connection` calls it in its own thread.
    """

    key: str = field(repr=False)
    base_url: str
    proxy: str = ""
    read_key: Callable[[], str | None] | None = field(default=None, repr=False, compare=False)

    def with_key(self) -> ConnectionRequest:
        """This request with the stored key read if none was typed (blocking, any thread)."""
        if self.key or self.read_key is None:
            return self
        return replace(self, key=self.read_key() or "", read_key=None)


def _network_outcome(exc: NetworkError, host: str, proxy: str) -> ConnectionOutcome:
    import httpx

    cause = exc.__cause__
    proxy_host = urlsplit(proxy).netloc if proxy else ""
    if isinstance(cause, httpx.ProxyError):
        return ConnectionOutcome(Outcome.PROXY, proxy_host or host)
    if isinstance(cause, httpx.TimeoutException):
        return ConnectionOutcome(Outcome.TIMEOUT, host)
    if proxy_host and isinstance(cause, httpx.ConnectError):
        return ConnectionOutcome(Outcome.PROXY, proxy_host)
    return ConnectionOutcome(Outcome.UNREACHABLE, host)


def _classify(exc: XPaintError, host: str, proxy: str) -> ConnectionOutcome:
    if isinstance(exc, NetworkError):
        return _network_outcome(exc, host, proxy)
    if isinstance(exc, ConfigError):
        kind = Outcome.NO_KEY if exc.code == "NoApiKey" else Outcome.BAD_KEY_FORMAT
        return ConnectionOutcome(kind, host, exc.code)
    kinds: tuple[tuple[type[XPaintError], Outcome], ...] = (
        (AuthError, Outcome.WRONG_KEY),
        (AccessDeniedError, Outcome.NO_ACCESS),
        (BillingError, Outcome.BILLING),
        (ThrottledError, Outcome.BUSY),
        (ServerError, Outcome.SERVER),
    )
    kind = next((k for cls, k in kinds if isinstance(exc, cls)), Outcome.OTHER)
    return ConnectionOutcome(kind, host, exc.code, exc.message)


def check_connection(request: ConnectionRequest) -> ConnectionOutcome:
    """Ask the service for an upload policy with `request`'s key; blocking, any thread (the
    stored key, when none was typed, is read here too)."""
    from xpaint_desktop.api.client import DashScopeClient

    request = request.with_key()

    host = urlsplit(request.base_url).hostname or request.base_url
    try:
        with DashScopeClient(
            request.key,
            request.base_url,
            proxy=request.proxy or None,
            timeout=TEST_TIMEOUT_S,
            max_retries=0,
        ) as client:
            client.check_connection()
    except XPaintError as exc:
        outcome = _classify(exc, host, request.proxy)
    except Exception as exc:  # a malformed URL or proxy the client could not use
        outcome = ConnectionOutcome(Outcome.OTHER, host, type(exc).__name__)
    else:
        outcome = ConnectionOutcome(Outcome.OK, host)
    key = request.key.strip()
    if key and key in outcome.detail:
        outcome = ConnectionOutcome(
            outcome.outcome, outcome.host, outcome.code, outcome.detail.replace(key, "***")
        )
    log.info("connection test to %s: %s", host, outcome.outcome.value)
    return outcome


class ConnectionTester(QWidget):
    """The "Test connection" button, its busy state and the sentence with the outcome.

    `request_provider` returns what to test, or a reason (str) why nothing can be tested yet.
    """

    finished = Signal(object)  # ConnectionOutcome

    def __init__(
        self,
        request_provider: Callable[[], ConnectionRequest | str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = Background(self)
        self._provider = request_provider
        self._busy = False
        self._last: ConnectionOutcome | None = None
        self._problem = ""
        self.button = QPushButton()
        self.button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.progress)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        self.retranslate_ui()

    def is_busy(self) -> bool:
        return self._busy

    def last_outcome(self) -> ConnectionOutcome | None:
        return self._last

    def start(self) -> bool:
        """Start a test in the thread pool; False (reason shown) if there is nothing to test."""
        if self._busy:
            return False
        request = self._provider()
        if isinstance(request, str):
            self._last, self._problem = None, request
            self._show_result()
            return False
        self._busy, self._last, self._problem = True, None, ""
        self._show_result()
        self._background.run(lambda: check_connection(request), self._on_done, self._on_error)
        return True

    def _on_done(self, outcome: object) -> None:
        self._busy = False
        self._last = outcome if isinstance(outcome, ConnectionOutcome) else None
        self._show_result()
        self.finished.emit(self._last)

    def _on_error(self, exc: Exception) -> None:
        log.warning("connection test failed unexpectedly: %s", type(exc).__name__)
        self._on_done(ConnectionOutcome(Outcome.OTHER, "", type(exc).__name__))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("Test connection"))
        self.button.setToolTip(
            self.tr("Make one request with the key, region and proxy shown here, before saving.")
        )
        self._show_result()

    def _show_result(self) -> None:
        self.button.setEnabled(not self._busy)
        self.progress.setVisible(self._busy)
        if self._busy:
            text, colour = self.tr("Testing the connection…"), ""
        elif self._last is not None:
            text = self.describe(self._last)
            colour = "#1b7a2e" if self._last.ok else "#b00020"
        else:
            text, colour = self._problem, "#b00020" if self._problem else ""
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.result_label.setVisible(bool(text))

    def describe(self, result: ConnectionOutcome) -> str:
        """One sentence for a person; it never contains the key."""
        host = result.host
        texts = {
            Outcome.OK: self.tr("Connected to {0}: the key works."),
            Outcome.NO_KEY: self.tr("There is no key to test. Enter one above."),
            Outcome.BAD_KEY_FORMAT: self.tr(
                "The key contains characters no key has (spaces, line breaks or non-ASCII "
                "letters). Paste it again."
            ),
            Outcome.WRONG_KEY: self.tr(
                "Wrong key: {0} refused it. Check the key, and that it belongs to the region "
                "chosen here (a Beijing key does not work in Singapore, and the other way round)."
            ),
            Outcome.UNREACHABLE: self.tr(
                "Cannot reach {0}. Check the internet connection, the service URL and the proxy."
            ),
            Outcome.TIMEOUT: self.tr(
                "{0} did not answer in time. Check the internet connection and the proxy."
            ),
            Outcome.PROXY: self.tr(
                "The proxy {0} failed: it could not be reached or refused the connection. "
                "Check the proxy address, or leave it empty."
            ),
        }
        if result.outcome in texts:
            return texts[result.outcome].format(host)
        described = service_text(result.code, result.detail)
        lead = {
            Outcome.NO_ACCESS: self.tr("The key works, but {0} denied access."),
            Outcome.BILLING: self.tr("The key works, but the account has a billing problem."),
            Outcome.BUSY: self.tr("{0} is busy right now; try again in a moment."),
            Outcome.SERVER: self.tr("{0} had an internal problem; try again later."),
        }.get(result.outcome, self.tr("The test failed at {0}."))
        detail = described.full() if described else result.detail or result.code or ""
        return f"{lead.format(host)} {detail}".strip()
