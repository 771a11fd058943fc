"""Moving files: temporary uploads for the service, and result downloads to disk.

The service takes images only as URLs. Local files go to its temporary storage with a signed
upload policy (one policy serves many files while it is valid), and come back as `oss://` keys.
Results are downloaded to a `.part` file that replaces the destination only once complete, so
an interrupted download never leaves a half image where the library expects a whole one.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import httpx

from xpaint_desktop.errors import InputError, ServerError, ServiceError, TaskExpiredError

log = logging.getLogger(__name__)

_REQUIRED = ("policy", "signature", "upload_dir", "upload_host", "oss_access_key_id")
_NAME_MAX = 80


@dataclass(frozen=True)
class UploadPolicy:
    """A signed permission to upload files for one model, valid until `expires_at`."""

    policy: str
    signature: str
    upload_dir: str
    upload_host: str
    oss_access_key_id: str
    object_acl: str
    forbid_overwrite: str
    max_file_size_mb: float | None
    expires_at: float  # time.monotonic() seconds

    @classmethod
    def from_answer(cls, body: Mapping[str, Any], *, now: float | None = None) -> UploadPolicy:
        data = body.get("data")
        if not isinstance(data, Mapping) or any(not data.get(k) for k in _REQUIRED):
            raise ServiceError(
                "The service's upload policy answer is incomplete; uploads are not possible.",
                code="BadUploadPolicy",
                request_id=body.get("request_id"),
            )
        lifetime = float(data.get("expire_in_seconds") or 300)
        margin = min(30.0, lifetime * 0.1)
        size_mb = data.get("max_file_size_mb")
        return cls(
            policy=str(data["policy"]),
            signature=str(data["signature"]),
            upload_dir=str(data["upload_dir"]).rstrip("/"),
            upload_host=str(data["upload_host"]),
            oss_access_key_id=str(data["oss_access_key_id"]),
            object_acl=str(data.get("x_oss_object_acl") or "private"),
            forbid_overwrite=str(data.get("x_oss_forbid_overwrite") or "true"),
            max_file_size_mb=float(size_mb) if size_mb else None,
            expires_at=(time.monotonic() if now is None else now) + lifetime - margin,
        )

    def valid(self, now: float | None = None) -> bool:
        return (time.monotonic() if now is None else now) < self.expires_at

    def check_size(self, size: int, filename: str) -> None:
        if self.max_file_size_mb is not None and size > self.max_file_size_mb * 1024 * 1024:
            raise InputError(
                f"{filename} is {size / 1024 / 1024:.1f} MB; the service's upload limit is "
                f"{self.max_file_size_mb:g} MB. Use a smaller image."
            )


class PolicyCache:
    """Upload policies per model, reused while valid; one fetch at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._policies: dict[str, UploadPolicy] = {}

    def get(self, model: str, fetch: Callable[[], UploadPolicy]) -> UploadPolicy:
        with self._lock:
            policy = self._policies.get(model)
            if policy is None or not policy.valid():
                policy = fetch()
                self._policies[model] = policy
            return policy

    def drop(self, model: str) -> None:
        with self._lock:
            self._policies.pop(model, None)


def ascii_file_name(filename: str) -> str:
    """A file name made of ASCII letters, digits, `.`, `_` and `-` (the URL must be ASCII)."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    suffix = PurePosixPath(name).suffix
    stem = name[: len(name) - len(suffix)] if suffix else name

    def clean(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")

    stem = clean(stem)[:_NAME_MAX] or "image"
    ext = re.sub(r"[^A-Za-z0-9]", "", suffix).lower()
    return f"{stem}.{ext}" if ext else stem


def upload_form(
    policy: UploadPolicy, data: bytes, filename: str
) -> tuple[dict[str, str], dict[str, tuple[str, bytes, str]]]:
    """The multipart form for one upload: the policy's fields, then `file` last.

    The key gets a random prefix, so files of the same name never collide in the policy's
    folder (the storage forbids overwriting).
    """
    name = f"{secrets.token_hex(6)}-{ascii_file_name(filename)}"
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    fields = {
        "OSSAccessKeyId": policy.oss_access_key_id,
        "Signature": policy.signature,
        "policy": policy.policy,
        "key": f"{policy.upload_dir}/{name}",
        "x-oss-object-acl": policy.object_acl,
        "x-oss-forbid-overwrite": policy.forbid_overwrite,
        "success_action_status": "200",
        "x-oss-content-type": content_type,
    }
    return fields, {"file": (name, data, content_type)}


def _download_error(response: httpx.Response, host: str) -> ServiceError:
    status = response.status_code
    if status in (403, 404, 410):
        return TaskExpiredError(
            f"The result at {host} is no longer available (HTTP {status}); result links last "
            "24 hours.",
            code="ResultExpired",
            http_status=status,
        )
    if status == 429 or status >= 500:
        return ServerError(f"{host} could not send the result (HTTP {status}).", http_status=status)
    return ServiceError(
        f"{host} refused to send the result (HTTP {status}).",
        code="DownloadFailed",
        http_status=status,
    )


def _stream(
    http: httpx.Client, url: str, redact: Callable[[str], str], write: Callable[[bytes], object]
) -> int:
    """GET `url`, handing each chunk to `write`; the byte count. Raises like `download_to`."""
    host = redact(urlsplit(url).hostname or "the result host")
    with http.stream("GET", url, follow_redirects=True) as response:
        if response.status_code != 200:
            raise _download_error(response, host)
        size = 0
        for chunk in response.iter_bytes():
            write(chunk)
            size += len(chunk)
    if size == 0:
        raise ServerError(f"{host} sent an empty result.", code="EmptyResult")
    return size


def fetch_bytes(http: httpx.Client, url: str, redact: Callable[[str], str] = str) -> bytes:
    """The body of `url` in memory. Raises like `download_to`."""
    buffer = bytearray()
    _stream(http, url, redact, buffer.extend)
    return bytes(buffer)


def download_to(
    http: httpx.Client, url: str, dest: Path, redact: Callable[[str], str] = str
) -> Path:
    """Stream `url` into `dest.with_suffix(".part")`, then move it onto `dest`.

    Raises `ServiceError` (retryable for 429/5xx) or lets `httpx.TransportError` through.
    """
    part = dest.with_suffix(".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(part, "wb") as out:
            size = _stream(http, url, redact, out.write)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    log.info("downloaded %d bytes to %s", size, dest.name)
    return dest
