"""What an answer of the service (or the lack of one) means: retry, already there, an error.

The client asks these questions of every response; they read only the status, the headers and
the body, so they are kept apart from the client's request logic.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from xpaint_desktop.errors import XPaintError

from .errors import error_from_response, is_quota_exhausted


def error_from_answer(response: httpx.Response) -> XPaintError:
    """The error an unsuccessful answer stands for (JSON from the API, XML from OSS)."""
    body: Mapping[str, Any] | None
    try:
        parsed = response.json()
        body = parsed if isinstance(parsed, dict) else None
    except ValueError:
        body = _xml_error(response.text)
    return error_from_response(response.status_code, body, fallback_text=_plain(response.text))


def retryable_answer(response: httpx.Response) -> bool:
    """429 (refused before any task exists) and 5xx; not a used-up free quota."""
    if response.status_code == 429 and is_quota_exhausted(None, response.text):
        return False  # a used-up free quota comes back the same however long one waits
    return response.status_code == 429 or response.status_code >= 500


def already_there(response: httpx.Response) -> bool:
    """An upload answered "FileAlreadyExists": the same file is there already."""
    return response.status_code == 409 and "FileAlreadyExists" in response.text


def policy_expired(response: httpx.Response) -> bool:
    """An upload refused because its policy expired: fetch a new one and try again."""
    return response.status_code == 403 and "expired" in response.text.lower()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def transport_reason(exc: httpx.TransportError) -> str:
    """A short reason for a network failure, for a message a person reads."""
    if isinstance(exc, httpx.TimeoutException):
        return "the connection timed out"
    if isinstance(exc, httpx.ProxyError):
        return "the proxy refused the connection"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the connection was closed before an answer came"
    text = str(exc).strip()
    return text[:200] if text else type(exc).__name__


def _plain(text: str) -> str:
    return " ".join(text.split())[:300]


def _xml_error(text: str) -> dict[str, str] | None:
    """OSS answers errors as XML: `<Code>..</Code><Message>..</Message><RequestId>`."""
    found = {
        key: m.group(1).strip()
        for key, tag in (("code", "Code"), ("message", "Message"), ("request_id", "RequestId"))
        if (m := re.search(rf"<{tag}>(.*?)</{tag}>", text, re.S))
    }
    return found or None
