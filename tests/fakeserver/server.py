"""`FakeDashScope`: the stand-in service on a loopback port, in a background thread.

    with FakeDashScope(api_key="sk-test") as srv:
        srv.faults.task_seconds = 2
        client = DashScopeClient("sk-test", srv.base_url)

Routes: task creation, task query, cancel and the task list under `/api/v1`, the upload
policy, the upload host at `/oss`, and result images at `/results/<task>/<i>.png`. Every
request is logged in `srv.requests` (the Authorization value masked) so tests can assert what a
client sent.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import hmac
import json
import logging
import secrets
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.fakeserver import images, protocol, tasklist, validation
from tests.fakeserver.faults import DropRule, ErrorBurst, Fault, Faults
from tests.fakeserver.protocol import ApiError
from tests.fakeserver.tasks import Inputs, TaskBook, TaskPlan, TaskRecord, task_body
from tests.fakeserver.uploads import OssError, UploadStore, parse_multipart

log = logging.getLogger(__name__)

LOGGED_HEADERS = (
    "Authorization",
    "Content-Type",
    "User-Agent",
    "X-DashScope-Async",
    "X-DashScope-OssResourceResolve",
    "X-DashScope-WorkSpace",
)
INPUT_WAIT_S = 3 * images.FETCH_TIMEOUT_S


@dataclass
class RequestRecord:
    """One request as the server saw it; `status` is 0 if the connection was dropped."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    timestamp: float
    json: Any = None
    status: int = 0


@dataclass
class Answer:
    """What a route answers."""

    status: int
    body: bytes = b""
    content_type: str = "application/json;charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_json(cls, status: int, doc: Any) -> Answer:
        return cls(status, json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def mask_secret(value: str) -> str:
    """`Bearer sk-abc...6789` -> `Bearer ****6789`: enough to tell keys apart, not to use one."""
    scheme, _, secret = value.partition(" ")
    if not secret:
        scheme, secret = "", scheme
    tail = secret[-4:] if len(secret) >= 12 else ""
    return f"{scheme} ****{tail}".strip()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, as from a real server
    timeout = 60
    server: _HttpServer

    def setup(self) -> None:
        super().setup()
        self.server.app._track(self.request, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.app._track(self.request, False)

    def do_GET(self) -> None:
        self.server.app._serve(self)

    def do_POST(self) -> None:
        self.server.app._serve(self)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    app: FakeDashScope


class FakeDashScope:
    """The stand-in service; see the module docstring. Thread-safe; one account (`api_key`)."""

    def __init__(
        self,
        api_key: str = "sk-test",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Faults | None = None,
        other_keys: tuple[str, ...] = (),
        models: tuple[str, ...] = tuple(protocol.MODELS),
    ) -> None:
        self.api_key = api_key
        self.other_keys = other_keys  # more keys of the same account (other devices)
        self.faults = faults or Faults()
        self.models = models  # what this endpoint offers; others are "Model not exist"
        self._host = host
        self._port = port
        self._lock = threading.RLock()
        self._offset = 0.0
        self._requests: list[RequestRecord] = []
        self._creations: deque[float] = deque()
        self._book = TaskBook()
        self._uploads = UploadStore()
        self._rendered: dict[tuple[str, int], bytes] = {}
        self._by_content: dict[tuple[object, ...], bytes] = {}
        self._url_secret = secrets.token_bytes(16)
        self._sockets: set[socket.socket] = set()
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> FakeDashScope:
        if self._httpd is not None:
            return self
        httpd = _HttpServer((self._host, self._port), _Handler)
        httpd.app = self
        self._httpd = httpd
        self._port = httpd.server_address[1]
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeDashScope:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _track(self, sock: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._sockets.add(sock)
            else:
                self._sockets.discard(sock)

    # --- what tests look at ----------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def root_url(self) -> str:
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        """The value for DASHSCOPE_HTTP_BASE_URL."""
        return self.root_url + protocol.API_PREFIX

    @property
    def upload_host(self) -> str:
        return self.root_url + protocol.OSS_PATH

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path_contains: str, method: str | None = None) -> list[RequestRecord]:
        return [
            r
            for r in self.requests
            if path_contains in r.path and (method is None or r.method == method)
        ]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    @property
    def tasks(self) -> list[TaskRecord]:
        with self._lock:
            return self._book.all()

    def task(self, task_id: str) -> TaskRecord | None:
        with self._lock:
            return self._book.get(task_id)

    def peak_in_progress(self, model: str) -> int:
        """The most tasks of `model` this server ever had in progress at once."""
        with self._lock:
            self._book.advance(self.now(), self.faults.max_in_progress)
            return self._book.peak_in_progress(model)

    def uploaded(self, key: str) -> bytes | None:
        """The bytes stored under an upload key (`oss://` prefix allowed), if any."""
        with self._lock:
            stored = self._uploads.files.get(key.removeprefix("oss://"))
            return None if stored is None else stored.data

    def rendered(self, task_id: str) -> list[int]:
        """The indices of the task's results rendered so far."""
        with self._lock:
            return sorted(i for t, i in self._rendered if t == task_id)

    def now(self) -> float:
        """The server's clock: wall time plus whatever `advance_time` added."""
        return time.time() + self._offset

    def advance_time(self, seconds: float) -> None:
        """Move the server's clock forward (tasks finish, expire; policies and URLs time out)."""
        with self._lock:
            self._offset += seconds

    # --- request handling ------------------------------------------------------------------

    def _serve(self, h: _Handler) -> None:
        split = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length > 0 else b""
        record = RequestRecord(
            method=h.command,
            path=split.path,
            query=parse_qs(split.query),
            headers={
                k: (mask_secret(v) if k == "Authorization" else v)
                for k in LOGGED_HEADERS
                if (v := h.headers.get(k)) is not None
            },
            timestamp=self.now(),
        )
        if "json" in (h.headers.get("Content-Type") or ""):
            try:
                record.json = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                record.json = None
        with self._lock:
            self._requests.append(record)
        if self.faults.latency_s > 0:
            time.sleep(self.faults.latency_s)
        step = self._take_step(split.path)
        if self._take_drop(split.path, step, after=False):
            h.close_connection = True
            return
        answer = self._take_error(split.path, step, after=False)
        if answer is None:
            try:
                answer = self._route(h, split.path, record.query, body)
            except ApiError as err:
                answer = self._error(err.status, err.code, err.message)
            except Exception:
                log.exception("stand-in failed on %s %s", h.command, split.path)
                answer = self._error(500, "InternalError", protocol.MSG_INTERNAL)
            answer = self._take_error(split.path, step, after=True) or answer
        if self._take_drop(split.path, step, after=True):
            h.close_connection = True
            return
        record.status = answer.status
        h.send_response(answer.status)
        if answer.body or answer.status != 204:
            h.send_header("Content-Type", answer.content_type)
        h.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            h.send_header(name, value)
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(answer.body)

    @staticmethod
    def _error(status: int, code: str, message: str) -> Answer:
        return Answer.of_json(status, protocol.error_body(code, message, protocol.new_request_id()))

    def _take_step(self, path: str) -> Fault | bool | None:
        """The next scripted fault for a request to `path`; False when no script applies."""
        with self._lock:
            f = self.faults
            if not f.script or f.script_path not in path:
                return False
            return f.script.pop(0)

    def _take_rule(
        self, path: str, step: Fault | bool | None, kind: type[Fault], *, after: bool
    ) -> Fault | None:
        """The fault of `kind` that applies now: the scripted `step`, else the standing rule
        (`drop_next` or `error_burst`, whose count is consumed)."""
        attr = "drop_next" if kind is DropRule else "error_burst"
        with self._lock:
            if step is not False:
                rule = step if isinstance(step, kind) else None
            else:
                rule = getattr(self.faults, attr)
                if rule is None or rule.path_contains not in path:
                    return None
            if rule is None or rule.after_processing != after:
                return None
            if step is False:
                rule.count -= 1
                if rule.count <= 0:
                    setattr(self.faults, attr, None)
        return rule

    def _take_drop(self, path: str, step: Fault | bool | None, *, after: bool) -> bool:
        rule = self._take_rule(path, step, DropRule, after=after)
        if not isinstance(rule, DropRule):
            return False
        if rule.stall_s > 0:
            time.sleep(rule.stall_s)
        return True

    def _take_error(self, path: str, step: Fault | bool | None, *, after: bool) -> Answer | None:
        burst = self._take_rule(path, step, ErrorBurst, after=after)
        if not isinstance(burst, ErrorBurst):
            return None
        return self._error(burst.status, burst.code, burst.message)

    def _route(self, h: _Handler, path: str, query: dict[str, list[str]], body: bytes) -> Answer:
        method = h.command
        if method == "POST" and path == protocol.CREATE_PATH:
            return self._create(h, body)
        if method == "POST" and path == protocol.TEXT2IMAGE_PATH:
            self._check_key(h)
            raise ApiError(400, "InvalidParameter", protocol.MSG_URL_ERROR)
        if path.startswith(protocol.TASKS_PREFIX):
            rest = path.removeprefix(protocol.TASKS_PREFIX).strip("/")
            if method == "GET" and not rest:
                return self._list(h, query)
            if method == "GET" and rest and "/" not in rest:
                return self._query(h, rest)
            if method == "POST" and rest.endswith("/cancel") and rest.count("/") == 1:
                return self._cancel(h, rest.split("/")[0])
        if method == "GET" and path == protocol.UPLOADS_PATH:
            return self._get_policy(h, query)
        if method == "POST" and path.rstrip("/") == protocol.OSS_PATH:
            return self._upload(h, body)
        if method == "GET" and path.startswith(protocol.RESULTS_PREFIX):
            return self._result(path, query)
        raise ApiError(404, "NotFound", protocol.MSG_NOT_FOUND)

    def _check_key(self, h: _Handler) -> str:
        value = h.headers.get("Authorization") or ""
        scheme, _, key = value.partition(" ")
        if scheme.lower() != "bearer" or key.strip() not in (self.api_key, *self.other_keys):
            raise ApiError(401, "InvalidApiKey", protocol.MSG_INVALID_API_KEY)
        return key.strip()

    # --- routes -----------------------------------------------------------------------------

    def _create(self, h: _Handler, body: bytes) -> Answer:
        key = self._check_key(h)
        if (h.headers.get("X-DashScope-Async") or "").lower() != "enable":
            raise ApiError(403, "AccessDenied", protocol.MSG_SYNC_CALL)
        now = self.now()
        self._throttle(now)
        oss_resolve = (h.headers.get("X-DashScope-OssResourceResolve") or "").lower() == "enable"
        request = validation.parse_create(
            body, oss_resolve, tuple(self.faults.reject_content), self.models
        )
        if request.model in self.faults.quota_exhausted:
            raise ApiError(403, "AllocationQuota.FreeTierOnly", protocol.MSG_FREE_QUOTA)
        request_id = protocol.new_request_id()
        with self._lock:
            task = TaskRecord(
                task_id=str(uuid.uuid4()),
                api_key=key,
                request=request,
                created=now,
                plan=self._plan(),
                request_id=request_id,
                account=self.api_key,
                seed=request.seed if request.seed is not None else secrets.randbelow(2**31),
            )
            self._book.add(task, now, self.faults.max_in_progress)
        if task.plan.failure is not None or not request.size_is_valid:
            task.inputs = Inputs()
            task.ready.set()
        else:
            threading.Thread(target=self._load_inputs, args=(task,), daemon=True).start()
        output = {"task_status": protocol.TaskStatus.PENDING.value, "task_id": task.task_id}
        return Answer.of_json(200, {"output": output, "request_id": request_id})

    def _throttle(self, now: float) -> None:
        rate = self.faults.rate_limit_per_s
        with self._lock:
            while self._creations and self._creations[0] <= now - 1.0:
                self._creations.popleft()
            if rate is not None and rate > 0 and len(self._creations) >= rate:
                raise ApiError(429, "Throttling.RateQuota", protocol.MSG_RATE_QUOTA)
            self._creations.append(now)

    def _plan(self) -> TaskPlan:
        f = self.faults
        failure = None
        if f.fail_tasks is not None:
            failure = (f.fail_tasks.code, f.fail_tasks.message)
            if f.fail_tasks.count is not None:
                f.fail_tasks.count -= 1
                if f.fail_tasks.count <= 0:
                    f.fail_tasks = None
        return TaskPlan(
            seconds=max(0.0, f.task_seconds),
            suspend=f.suspend,
            partial_failures=frozenset(f.partial_failures),
            failure=failure,
        )

    def _load_inputs(self, task: TaskRecord) -> None:
        def read_oss(key: str) -> bytes | None:
            with self._lock:
                return self._uploads.read(key, task.request.model, task.api_key, self.now())

        try:
            task.inputs = images.load_inputs(task.request, read_oss)
            if self.faults.render_ahead:  # the results exist before the task reads SUCCEEDED
                for slot in task.conclude().results:
                    if slot.ok:
                        self._render(task, slot.index)
        finally:
            task.ready.set()

    def _visible_task(self, key: str, task_id: str, now: float) -> TaskRecord | None:
        self._book.advance(now, self.faults.max_in_progress)
        task = self._book.get(task_id)
        if task is None or task.owner != self.api_key:
            return None
        if now - task.created > self.faults.expire_after_s:
            return None
        return task

    def _query(self, h: _Handler, task_id: str) -> Answer:
        key = self._check_key(h)
        now = self.now()
        with self._lock:
            task = self._visible_task(key, task_id, now)
        if task is not None and task.finished is not None:
            task.ready.wait(INPUT_WAIT_S)
        doc = task_body(task, task_id, now, protocol.new_request_id(), self._result_url)
        return Answer.of_json(200, doc)

    def _list(self, h: _Handler, query: dict[str, list[str]]) -> Answer:
        self._check_key(h)
        now = self.now()
        with self._lock:
            self._book.advance(now, self.faults.max_in_progress)
            tasks = [t for t in self._book.all() if t.owner == self.api_key]
        for task in tasks:
            if task.finished is not None:
                task.ready.wait(INPUT_WAIT_S)
        with self._lock:
            doc = tasklist.answer(
                tasks,
                query,
                now,
                lag_s=self.faults.list_lag_s,
                expire_after_s=self.faults.expire_after_s,
            )
        return Answer.of_json(200, doc)

    def _cancel(self, h: _Handler, task_id: str) -> Answer:
        key = self._check_key(h)
        now = self.now()
        with self._lock:
            task = self._visible_task(key, task_id, now)
            if task is None or not self._book.cancel(task, now):
                raise ApiError(400, "UnsupportedOperation", protocol.MSG_CANCEL)
        return Answer.of_json(200, {"request_id": protocol.new_request_id()})

    def _get_policy(self, h: _Handler, query: dict[str, list[str]]) -> Answer:
        key = self._check_key(h)
        action = (query.get("action") or [""])[0]
        model = (query.get("model") or [""])[0]
        if action != "getPolicy":
            raise ApiError(400, "InvalidParameter", f"Unsupported action {action!r}.")
        if not model:
            raise ApiError(400, "InvalidParameter", "Field required: model")
        with self._lock:
            policy = self._uploads.issue(model, key, self.now())
            data = self._uploads.policy_data(policy, self.upload_host)
        return Answer.of_json(200, {"request_id": protocol.new_request_id(), "data": data})

    def _upload(self, h: _Handler, body: bytes) -> Answer:
        request_id = protocol.new_request_id().replace("-", "").upper()[:24]
        try:
            parts = parse_multipart(h.headers.get("Content-Type") or "", body)
            with self._lock:
                self._uploads.accept(parts, self.now())
        except OssError as err:
            return Answer(err.status, err.xml(request_id), "application/xml")
        status_field = next((p for p in parts if p.name == "success_action_status"), None)
        status = 200 if status_field is not None and status_field.data == b"200" else 204
        return Answer(status, b"", headers={"x-oss-request-id": request_id})

    def _result_url(self, task: TaskRecord, index: int) -> str:
        path = f"{protocol.RESULTS_PREFIX}{task.task_id}/{index}.png"
        expires = int((task.finished or task.created) + self.faults.result_ttl_s)
        query = urlencode(
            {
                "Expires": expires,
                "OSSAccessKeyId": "LTAI5tFakeDashScopeResult",
                "Signature": self._sign_url(path, expires),
            }
        )
        return f"{self.root_url}{path}?{query}"

    def _sign_url(self, path: str, expires: int) -> str:
        digest = hmac.new(self._url_secret, f"{path}\n{expires}".encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def _result(self, path: str, query: dict[str, list[str]]) -> Answer:
        request_id = protocol.new_request_id().replace("-", "").upper()[:24]
        expires_text = (query.get("Expires") or [""])[0]
        signature = (query.get("Signature") or [""])[0]
        if not expires_text.isdigit() or not hmac.compare_digest(
            signature, self._sign_url(path, int(expires_text))
        ):
            err = OssError(403, "SignatureDoesNotMatch", "The request signature does not match.")
            return Answer(403, err.xml(request_id), "application/xml")
        if self.now() > int(expires_text):
            err = OssError(403, "AccessDenied", "Request has expired.")
            return Answer(403, err.xml(request_id), "application/xml")
        rest = path.removeprefix(protocol.RESULTS_PREFIX)
        task_id, _, name = rest.partition("/")
        with self._lock:
            task = self._book.get(task_id)
        index = int(name[:-4]) if name.endswith(".png") and name[:-4].isdigit() else -1
        missing = OssError(404, "NoSuchKey", "The specified key does not exist.")
        if task is None or task.finished is None or not task.ready.wait(INPUT_WAIT_S):
            return Answer(404, missing.xml(request_id), "application/xml")
        end = task.conclude()
        if not any(r.ok and r.index == index for r in end.results) or task.inputs is None:
            return Answer(404, missing.xml(request_id), "application/xml")
        return Answer(200, self._render(task, index), "image/png")

    def _render(self, task: TaskRecord, index: int) -> bytes:
        """Result `index` of a finished task with its inputs, rendered once: a result depends
        only on the request, the inputs' bytes, the index and the seed, so a task asking what
        an earlier one asked gets the same bytes without rendering them again."""
        assert task.inputs is not None
        cache_key = (task.task_id, index)
        req = dataclasses.replace(task.request, base_image_url="", mask_image_url="", n=0)
        seed = task.seed if req.rules.takes_seed else 0
        content_key = (req, task.inputs.digest, index, seed)
        with self._lock:
            data = self._rendered.get(cache_key) or self._by_content.get(content_key)
        if data is None:
            data = images.render_result(task.request, task.inputs, index, task.seed)
        with self._lock:
            self._rendered[cache_key] = data
            if task.inputs.digest:
                self._by_content[content_key] = data
        return data
