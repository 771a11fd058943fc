"""The DashScope client: create, query, cancel, upload, download, wait.

A synchronous `httpx.Client`; the caller runs it in a worker thread. What it adds over plain
HTTP is the service's rules, applied once (`answers` reads what each answer means):

- task creations are spaced by a rate limiter, and answered 429 (refused before any task
  exists) are retried with exponential backoff and full jitter (honouring `Retry-After`);
- a creation whose request left but whose answer never came, or came as a 5xx, raises
  `OutcomeUnknownError` and is never re-sent here, since it may have been created and billed
  (the engine settles it with the task list); only failures before anything was sent
  (connection refused, DNS, connect timeout) are retried;
- queries, cancels, uploads and downloads are safe to repeat and are retried on network errors;
- the key goes only to the API host, never to the upload host or the result URLs, and never
  appears in an exception's text or a log record.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import httpx

from xpaint_desktop import APP_NAME, __version__
from xpaint_desktop.errors import (
    CancelledError,
    ConfigError,
    NetworkError,
    OutcomeUnknownError,
    ServiceError,
    XPaintError,
)

from .answers import (
    already_there,
    error_from_answer,
    parse_retry_after,
    policy_expired,
    retryable_answer,
    transport_reason,
)
from .models import Task, parse_task
from .polling import PollSchedule, PollTimer
from .ratelimit import RateLimiter
from .tasklist import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, TaskFilter, TaskPage, TaskSummary
from .transfer import PolicyCache, UploadPolicy, download_to, fetch_bytes, upload_form

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_USER_AGENT = f"{APP_NAME}/{__version__} httpx/{httpx.__version__}"
SYNTHESIS_PATH = "/services/aigc/image2image/image-synthesis"
# Exceptions raised before a single byte of the request left: always safe to repeat.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
_STOP_CHECK_S = 0.1


def _check_key(api_key: str) -> str:
    key = api_key.strip()
    if not key:
        raise ConfigError("No API key is set. Enter one in Preferences.", code="NoApiKey")
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        raise ConfigError(
            "The API key contains characters no key has (spaces, line breaks or non-ASCII "
            "letters). Paste it again in Preferences.",
            code="InvalidApiKeyFormat",
        )
    return key


class DashScopeClient:
    """One account's connection to a DashScope-compatible service.

    Thread-safe: one instance may serve several worker threads. `wait` raises
    `xpaint_desktop.errors.CancelledError` when `should_stop` turns true; the task keeps
    running on the service and can be waited for again.
    """

    def __init__(
        self,
        api_key: str,
        base_url: str,
        *,
        proxy: str | None = None,
        timeout: float = 30.0,
        creations_per_second: float = 2.0,
        max_retries: int = 4,
        transport: httpx.BaseTransport | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        backoff_base: float = 0.5,
        max_backoff: float = 30.0,
        schedule: PollSchedule | None = None,
    ) -> None:
        self._key = _check_key(api_key)
        self.base_url = base_url.rstrip("/")
        self.max_retries = max(0, max_retries)
        self.backoff_base = backoff_base
        self.max_backoff = max_backoff
        self.schedule = schedule or PollSchedule()
        self.limiter = RateLimiter(creations_per_second)
        self._policies = PolicyCache()
        self._random = random.Random()
        self._rand_lock = threading.Lock()
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            proxy=proxy or None,
            transport=transport,
            trust_env=True,
            headers={"User-Agent": user_agent},
            follow_redirects=False,
        )
        if proxy:
            log.info("using proxy at %s", urlsplit(proxy).hostname)

    # -- context manager ---------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DashScopeClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the service's calls -----------------------------------------------------------

    def create_task(
        self,
        model: str,
        prompt: str,
        base_image_url: str,
        mask_image_url: str,
        *,
        function: str | None = None,
        style: str | None = None,
        size: str | None = None,
        n: int = 1,
        seed: int | None = None,
        watermark: bool | None = None,
        mask_color: Sequence[Sequence[int]] = (),
        oss_resolve: bool = False,
    ) -> Task:
        """Submit a task; returns it as the service created it (usually PENDING).

        Only what is given is sent: `function` for models that do several things
        (wanx2.1-imageedit), `size` for models with fixed output sizes (wanx-x-painting),
        `seed` and `watermark` for models that take them.

        Raises `OutcomeUnknownError` when the request was sent but no answer came back.
        """
        parameters: dict[str, Any] = {"n": n}
        if style:
            parameters["style"] = style
        if size:
            parameters["size"] = size
        if seed is not None:
            parameters["seed"] = int(seed)
        if watermark is not None:
            parameters["watermark"] = bool(watermark)
        if mask_color:
            parameters["mask_color"] = [[int(c) for c in color] for color in mask_color]
        inputs: dict[str, Any] = {"function": function} if function else {}
        inputs |= {
            "prompt": prompt,
            "base_image_url": base_image_url,
            "mask_image_url": mask_image_url,
        }
        body = {"model": model, "input": inputs, "parameters": parameters}
        headers = {"X-DashScope-Async": "enable"}
        if oss_resolve or any(u.startswith("oss://") for u in (base_image_url, mask_image_url)):
            headers["X-DashScope-OssResourceResolve"] = "enable"
        response = self._call(
            "POST",
            self.base_url + SYNTHESIS_PATH,
            json=body,
            headers=headers,
            repeatable=False,
            rate_limited=True,
        )
        task = parse_task(self._json(response))
        if not task.task_id:
            raise ServiceError(
                "The service accepted the task but sent back no task id.",
                code="NoTaskId",
                request_id=task.request_id,
                http_status=response.status_code,
            )
        log.info("created task %s (%s)", task.task_id, task.status.value)
        return task

    def get_task(self, task_id: str) -> Task:
        """The task's current state (queried once; retried only on transient failures)."""
        response = self._call("GET", self._task_url(task_id))
        task = parse_task(self._json(response))
        return task if task.task_id else replace(task, task_id=task_id)

    def cancel_task(self, task_id: str) -> None:
        """Cancel a task; the service allows this only while it is PENDING."""
        self._call("POST", self._task_url(task_id) + "/cancel")
        log.info("cancelled task %s", task_id)

    def list_tasks_page(
        self,
        where: TaskFilter | None = None,
        *,
        page_no: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> TaskPage:
        """One page of the account's task list (every key of the account, newest first)."""
        params = (where or TaskFilter()).params(page_no, max(1, min(page_size, MAX_PAGE_SIZE)))
        response = self._call("GET", self.base_url + "/tasks/", params=params)
        return TaskPage.from_answer(self._json(response))

    def list_tasks(
        self, where: TaskFilter | None = None, *, page_size: int = MAX_PAGE_SIZE
    ) -> list[TaskSummary]:
        """Every task matching `where`, through all pages (a task seen twice is kept once)."""
        seen: dict[str, TaskSummary] = {}
        page_no = 1
        while True:
            page = self.list_tasks_page(where, page_no=page_no, page_size=page_size)
            for task in page.tasks:
                seen.setdefault(task.task_id, task)
            if not page.tasks or page_no >= page.total_pages:
                return list(seen.values())
            page_no += 1

    def wait(
        self,
        task_id: str,
        *,
        on_update: Callable[[Task], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        schedule: PollSchedule | None = None,
    ) -> Task:
        """Poll until the task reaches a terminal status, and return it (FAILED included).

        The first query goes out after `schedule.first_delay` (0 by default). `on_update` gets
        every answer. `should_stop` is checked before every query and several times a second
        while waiting; when it returns true, `CancelledError` is raised and the task is left
        alone on the service.
        """
        timer = PollTimer(schedule or self.schedule)
        delay = timer.schedule.first_delay
        while True:
            self._pause(delay, should_stop, task_id)
            task = self.get_task(task_id)
            if on_update is not None:
                on_update(task)
            if task.status.is_terminal:
                return task
            delay = timer.observe(task.status, time.monotonic())

    def upload(self, data: bytes, filename: str, model: str) -> str:
        """Upload a local file for `model`; returns its `oss://` URL (valid 48 h).

        Create requests using the URL must carry the resolve header; `create_task` adds it.
        """
        policy = self._policy(model)
        policy.check_size(len(data), filename)
        for attempt in range(2):
            fields, files = upload_form(policy, data, filename)
            response = self._call("POST", policy.upload_host, data=fields, files=files, auth=False)
            if response.status_code == 200 or already_there(response):
                # The key is unique to this call, so "already exists" means an earlier
                # attempt of ours got through and only its answer was lost.
                log.info("uploaded %s (%d bytes)", fields["key"], len(data))
                return "oss://" + fields["key"]
            if attempt == 0 and policy_expired(response):
                log.info("upload policy expired, fetching a new one")
                self._policies.drop(model)
                policy = self._policy(model)
                continue
            raise self._error(response)
        raise AssertionError("unreachable")

    def upload_many(self, files: Sequence[tuple[bytes, str]], model: str) -> list[str]:
        """Upload several `(data, filename)` files at once; their `oss://` URLs, in order.

        They share one upload policy (the first to ask fetches it, the others wait for it) and
        go up in parallel; the first failure is raised once every upload has ended.
        """
        if len(files) < 2:
            return [self.upload(data, name, model) for data, name in files]
        self._policy(model)
        with ThreadPoolExecutor(len(files), thread_name_prefix="upload") as pool:
            futures = [pool.submit(self.upload, data, name, model) for data, name in files]
        return [f.result() for f in futures]

    def fetch_many(self, urls: Sequence[str]) -> list[bytes]:
        """Several results' bytes, fetched in parallel; the first failure (in order) is raised."""
        got = self.fetch_each(urls)
        for item in got:
            if isinstance(item, XPaintError):
                raise item
        return [item for item in got if isinstance(item, bytes)]

    def fetch_each(self, urls: Sequence[str]) -> list[bytes | XPaintError]:
        """Several results fetched in parallel, each on its own: its bytes, or why not (after
        the retries), so one failure never costs the others."""

        def one(url: str) -> bytes | XPaintError:
            try:
                return self.fetch(url)
            except XPaintError as exc:
                return exc

        if len(urls) < 2:
            return [one(url) for url in urls]
        with ThreadPoolExecutor(min(len(urls), 4), thread_name_prefix="download") as pool:
            return list(pool.map(one, urls))

    def download(self, url: str, dest: Path) -> Path:
        """Fetch a result to `dest` atomically (via `dest.with_suffix(".part")`)."""
        return self._fetching(url, lambda: download_to(self._http, url, dest, self._redact))

    def fetch(self, url: str) -> bytes:
        """A result's bytes, in memory (for a caller that stores them itself)."""
        return self._fetching(url, lambda: fetch_bytes(self._http, url, self._redact))

    def _fetching(self, url: str, action: Callable[[], _T]) -> _T:
        """`action` (a GET of `url`) with the retry rules for result downloads."""
        host = urlsplit(url).hostname or url
        for attempt in self._attempts():
            try:
                return action()
            except ServiceError as exc:
                if not exc.retryable or attempt == self.max_retries:
                    raise
                log.warning("download from %s failed (%s), retrying", host, exc.code)
            except httpx.TransportError as exc:
                if attempt == self.max_retries:
                    raise self._network_error(exc, host) from exc
                log.warning("download from %s failed (%s), retrying", host, type(exc).__name__)
            self._backoff(attempt, None)
        raise AssertionError("unreachable")

    def check_connection(self, model: str = "wanx-x-painting") -> None:
        """One authenticated request (an upload policy for `model`); raises the typed error."""
        self._policies.drop(model)
        self._policy(model)

    # -- plumbing ---------------------------------------------------------------------

    def _task_url(self, task_id: str) -> str:
        if not task_id or not task_id.strip():
            raise ValueError("empty task id")
        return f"{self.base_url}/tasks/{quote(task_id.strip(), safe='')}"

    def _policy(self, model: str) -> UploadPolicy:
        def fetch() -> UploadPolicy:
            response = self._call(
                "GET", self.base_url + "/uploads", params={"action": "getPolicy", "model": model}
            )
            return UploadPolicy.from_answer(self._json(response))

        return self._policies.get(model, fetch)

    def _attempts(self) -> Iterator[int]:
        return iter(range(self.max_retries + 1))

    def _call(
        self,
        method: str,
        url: str,
        *,
        repeatable: bool = True,
        rate_limited: bool = False,
        auth: bool = True,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request with the retry rules; returns a 2xx answer or raises.

        With `auth=False` a 4xx answer is returned to the caller (the upload host speaks XML).
        """
        host = urlsplit(url).hostname or url
        headers = dict(kwargs.pop("headers", None) or {})
        if auth:
            headers["Authorization"] = f"Bearer {self._key}"
        for attempt in self._attempts():
            if rate_limited:
                self.limiter.acquire()
            try:
                response = self._http.request(method, url, headers=headers, **kwargs)
            except _NOT_SENT as exc:
                if attempt == self.max_retries:
                    raise self._network_error(exc, host) from exc
                log.warning("%s %s: %s, retrying", method, host, type(exc).__name__)
                self._backoff(attempt, None)
                continue
            except httpx.TransportError as exc:
                if not repeatable:
                    raise self._outcome_unknown(transport_reason(exc), host) from exc
                if attempt == self.max_retries:
                    raise self._network_error(exc, host) from exc
                log.warning("%s %s: %s, retrying", method, host, type(exc).__name__)
                self._backoff(attempt, None)
                continue
            log.debug("%s %s%s -> %d", method, host, urlsplit(url).path, response.status_code)
            if response.is_success or (not auth and response.status_code < 500):
                return response
            if response.status_code >= 500 and not repeatable:
                # The service (or a gateway in front of it) failed after the request arrived:
                # the task may exist. Only the task list can tell; never send it again blindly.
                raise self._outcome_unknown(f"HTTP {response.status_code} from {host}", host)
            if not retryable_answer(response) or attempt == self.max_retries:
                raise self._error(response)
            log.warning(
                "%s %s answered %d, retrying (%d/%d)",
                method,
                host,
                response.status_code,
                attempt + 1,
                self.max_retries,
            )
            self._backoff(attempt, response.headers.get("Retry-After"))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int, retry_after: str | None) -> None:
        """Exponential backoff with full jitter; a `Retry-After` is a lower bound."""
        with self._rand_lock:
            delay = self._random.uniform(0, self.backoff_base * 2**attempt)
        hinted = parse_retry_after(retry_after)
        if hinted is not None:
            delay = max(delay, hinted)
        time.sleep(min(delay, self.max_backoff))

    def _pause(self, seconds: float, should_stop: Callable[[], bool] | None, task_id: str) -> None:
        deadline = time.monotonic() + seconds
        while True:
            if should_stop is not None and should_stop():
                raise CancelledError(
                    f"Stopped waiting for task {task_id}; it goes on running on the service."
                )
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, _STOP_CHECK_S))

    def _redact(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise ServiceError(
                f"The service at {response.url.host} sent an answer that is not JSON.",
                code="BadAnswer",
                http_status=response.status_code,
            )
        return body

    def _error(self, response: httpx.Response) -> XPaintError:
        exc = error_from_answer(response)
        exc.message = self._redact(exc.message)
        exc.args = (exc.message,)
        log.warning(
            "%s answered HTTP %d %s (request %s)",
            response.url.host,
            response.status_code,
            exc.code,
            exc.request_id,
        )
        return exc

    def _network_error(self, exc: httpx.TransportError, host: str) -> NetworkError:
        reason = self._redact(transport_reason(exc))
        log.warning("cannot reach %s: %s", host, reason)
        return NetworkError(f"Could not reach {host}: {reason}. Check the network and the proxy.")

    def _outcome_unknown(self, reason: str, host: str) -> OutcomeUnknownError:
        reason = self._redact(reason)
        log.warning("task creation sent to %s, no answer: %s", host, reason)
        return OutcomeUnknownError(
            f"The task was sent to {host} but no answer came back ({reason}). It may or may "
            "not have been created; it was not sent again, so that it is not run and billed "
            "twice."
        )
