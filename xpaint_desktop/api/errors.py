"""From the service's error answers to the application's typed errors.

The service names its errors with a `code` (`InvalidApiKey`, `Throttling.RateQuota`, ...) and an
HTTP status. The rest of the application only sees the small hierarchy of
`xpaint_desktop.errors`, each error with a message a person can act on. The explanations are
English data here (for logs and the command line); every code also maps to a `ServiceProblem`,
which the window turns into a sentence in the person's language, with the service's own words
(`service_said`) kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from xpaint_desktop.errors import (
    AccessDeniedError,
    AuthError,
    BillingError,
    CancelledError,
    ChoiceNeededError,
    ConfigError,
    ContentRejectedError,
    InputError,
    NetworkError,
    OutcomeUnknownError,
    QuotaExhaustedError,
    ServerError,
    ServiceError,
    TaskExpiredError,
    TaskFailedError,
    ThrottledError,
    XPaintError,
)

from .models import Task, TaskStatus


class ServiceProblem(StrEnum):
    """What went wrong on the service, as data: the window says each in the person's words."""

    INVALID_API_KEY = "invalid_api_key"
    BILLING = "billing"
    FREE_QUOTA_USED_UP = "free_quota_used_up"
    MODEL_ACCESS_DENIED = "model_access_denied"
    ACCESS_DENIED = "access_denied"
    THROTTLED = "throttled"
    CONTENT_REJECTED = "content_rejected"
    IP_INFRINGEMENT = "ip_infringement"
    SERVICE_TIMEOUT = "service_timeout"
    SERVICE_FAULT = "service_fault"
    MODEL_UNAVAILABLE = "model_unavailable"
    INVALID_PARAMETER = "invalid_parameter"
    INVALID_URL = "invalid_url"
    INPUT_DOWNLOAD_FAILED = "input_download_failed"
    BAD_REQUEST = "bad_request"
    MODEL_NOT_FOUND = "model_not_found"
    NOT_FOUND = "not_found"
    TASK_FAILED = "task_failed"  # FAILED with no code, or one of the codes below
    TASK_EXPIRED = "task_expired"
    CANCELLED_ON_SERVICE = "cancelled_on_service"
    RESULT_DOWNLOAD_FAILED = "result_download_failed"
    RESULT_EXPIRED = "result_expired"
    NOT_AN_IMAGE = "not_an_image"
    UNKNOWN = "unknown"  # a code this version does not know


_QUOTA_EXPLANATION = (
    "The model's free quota is used up. wanx-x-painting has no paid option after its trial; "
    "its successor wanx2.1-imageedit is paid per image."
)
# How the service words a used-up free quota, whatever code (even a 429) it comes with.
_QUOTA_MESSAGES = re.compile(
    r"free (allocated )?quota (exceeded|(has been |is )?(used up|exhausted))"
    r"|free ?tier only|免费额度(已)?(用完|用尽|耗尽)",
    re.IGNORECASE,
)


def is_quota_exhausted(code: str | None, message: str | None) -> bool:
    """Whether an answer says the free quota is used up (by its code or its words)."""
    return code == "AllocationQuota.FreeTierOnly" or bool(_QUOTA_MESSAGES.search(message or ""))


@dataclass(frozen=True)
class _Rule:
    """Codes equal to (or, with `prefix`, starting with) one of `codes` map to `kind`."""

    codes: tuple[str, ...]
    kind: type[ServiceError]
    explanation: str
    problem: ServiceProblem
    prefix: bool = False

    def matches(self, code: str) -> bool:
        return any(code == c or (self.prefix and code.startswith(c)) for c in self.codes)


_SERVICE_FAULT = "The service had an internal problem. Try again later."
_P = ServiceProblem
_RULES: tuple[_Rule, ...] = (
    _Rule(
        ("InvalidApiKey",),
        AuthError,
        "The API key was refused: a wrong key, or a key from the other region. "
        "Open Preferences to check the key and the region.",
        _P.INVALID_API_KEY,
    ),
    _Rule(
        ("Arrearage", "PrepaidBillOverdue", "PostpaidBillOverdue", "CommodityNotPurchased"),
        BillingError,
        "The account has a billing problem (overdue or not purchased). "
        "Check billing in the Alibaba Cloud console.",
        _P.BILLING,
    ),
    _Rule(
        ("AllocationQuota.FreeTierOnly",),
        QuotaExhaustedError,
        _QUOTA_EXPLANATION,
        _P.FREE_QUOTA_USED_UP,
    ),
    _Rule(
        ("Model.AccessDenied",),
        AccessDeniedError,
        "This account has no access to the model. Activate it in the Model Studio console.",
        _P.MODEL_ACCESS_DENIED,
    ),
    _Rule(
        ("AccessDenied",),
        AccessDeniedError,
        "Access denied: the account has no access to this model, or its quota is used up.",
        _P.ACCESS_DENIED,
        prefix=True,
    ),
    _Rule(
        ("Throttling",),
        ThrottledError,
        "Too many requests at once; the service asked to slow down. Try again shortly.",
        _P.THROTTLED,
        prefix=True,
    ),
    _Rule(
        ("DataInspectionFailed", "data_inspection_failed"),
        ContentRejectedError,
        "The prompt or an image was rejected by content moderation. "
        "Change the prompt or the image.",
        _P.CONTENT_REJECTED,
    ),
    _Rule(
        ("IPInfringementSuspect",),
        ContentRejectedError,
        "The input looks like it may infringe intellectual property. "
        "Change the prompt or the image.",
        _P.IP_INFRINGEMENT,
    ),
    _Rule(
        ("InternalError.Timeout", "RequestTimeOut"),
        ServerError,
        "The service timed out while making the image. Try again later.",
        _P.SERVICE_TIMEOUT,
    ),
    _Rule(("InternalError",), ServerError, _SERVICE_FAULT, _P.SERVICE_FAULT, prefix=True),
    _Rule(("SystemError", "ModelServiceFailed"), ServerError, _SERVICE_FAULT, _P.SERVICE_FAULT),
    _Rule(
        ("ModelUnavailable",),
        ServerError,
        "The model is temporarily unavailable. Try again later.",
        _P.MODEL_UNAVAILABLE,
    ),
    _Rule(
        ("InvalidParameter",),
        ServiceError,
        "The service rejected a parameter.",
        _P.INVALID_PARAMETER,
        prefix=True,
    ),
    _Rule(
        ("InvalidURL",),
        ServiceError,
        "The service could not use an input image's address.",
        _P.INVALID_URL,
        prefix=True,
    ),
    _Rule(
        ("BadRequest.InputDownloadFailed",),
        ServiceError,
        "The service could not download an input image. Try again; if it keeps failing, "
        "upload the images again.",
        _P.INPUT_DOWNLOAD_FAILED,
    ),
    _Rule(
        ("BadRequest",),
        ServiceError,
        "The service could not accept the request.",
        _P.BAD_REQUEST,
        prefix=True,
    ),
    _Rule(
        ("ModelNotFound",),
        ServiceError,
        "The service does not know this model in this region. Check the region in Preferences.",
        _P.MODEL_NOT_FOUND,
    ),
    _Rule(
        ("NotFound",),
        ServiceError,
        "The service could not find what was asked for.",
        _P.NOT_FOUND,
    ),
)

# Codes that are not the service's own answer but say what happened to a task or its images.
_TASK_CODES: dict[str, ServiceProblem] = {
    TaskFailedError.code: _P.TASK_FAILED,
    TaskExpiredError.code: _P.TASK_EXPIRED,
    "Canceled": _P.CANCELLED_ON_SERVICE,
    "DownloadFailed": _P.RESULT_DOWNLOAD_FAILED,  # = library.models.DOWNLOAD_FAILED
    "ResultExpired": _P.RESULT_EXPIRED,
    "BadImage": _P.NOT_AN_IMAGE,
}
# The application's own codes: errors that did not come from the service.
_OWN_CODES = frozenset(
    kind.code
    for kind in (
        XPaintError,
        InputError,
        ConfigError,
        NetworkError,
        OutcomeUnknownError,
        CancelledError,
        ChoiceNeededError,
    )
) | {"Unexpected"}
SERVICE_SAID = " The service said: "


def problem_of(code: str | None, message: str | None = None) -> ServiceProblem | None:
    """What a service error code (with its words) stands for; None for the application's own
    errors (no connection, bad input, ...), which carry their own message."""
    if is_quota_exhausted(code, message):
        return ServiceProblem.FREE_QUOTA_USED_UP
    code = (code or "").strip()
    if not code or code in _OWN_CODES:
        return None
    if code in _TASK_CODES:
        return _TASK_CODES[code]
    rule = _rule_for(code)
    return rule.problem if rule else ServiceProblem.UNKNOWN


def service_said(message: str | None) -> str:
    """The service's own words inside a message made here (`explanation` + what it said), or
    the whole message when it has no explanation of ours (a variant's own failure text)."""
    message = (message or "").strip()
    if SERVICE_SAID.strip() in message:
        return message.split(SERVICE_SAID.strip(), 1)[1].strip()
    ours = {r.explanation for r in _RULES} | {_GENERIC, _QUOTA_EXPLANATION, _TASK_FAILED}
    return "" if message in ours else message


_BY_STATUS: tuple[tuple[int, type[ServiceError], str], ...] = (
    (401, AuthError, "InvalidApiKey"),
    (403, AccessDeniedError, "AccessDenied"),
    (429, ThrottledError, "Throttling"),
)

_GENERIC = "The service reported an error."
_TASK_FAILED = "The task failed on the service."


def _rule_for(code: str) -> _Rule | None:
    return next((r for r in _RULES if r.matches(code)), None)


def explain(code: str | None) -> str:
    """A short English explanation of a service error code, for a person."""
    rule = _rule_for(code or "")
    return rule.explanation if rule else _GENERIC


def _kind_for(code: str, http_status: int, detail: str = "") -> tuple[type[ServiceError], str]:
    if is_quota_exhausted(code, detail):
        return QuotaExhaustedError, _QUOTA_EXPLANATION
    rule = _rule_for(code)
    if rule is not None:
        return rule.kind, rule.explanation
    for status, kind, fallback_code in _BY_STATUS:
        if http_status == status:
            return kind, explain(fallback_code)
    if http_status >= 500:
        return ServerError, explain("InternalError")
    return ServiceError, _GENERIC


def _person_message(explanation: str, detail: str) -> str:
    detail = detail.strip()
    if not detail or detail.rstrip(".") in explanation:
        return explanation
    return f"{explanation}{SERVICE_SAID}{detail}"


def error_from_response(
    http_status: int, body: Mapping[str, Any] | None, *, fallback_text: str = ""
) -> ServiceError:
    """The typed error for an error answer (`{"code", "message", "request_id"}` + status).

    `fallback_text` is used when the body is not the service's JSON (a proxy's HTML page).
    """
    body = body or {}
    code = str(body.get("code") or "").strip()
    detail = str(body.get("message") or "").strip() or fallback_text.strip()[:300]
    kind, explanation = _kind_for(code, http_status, detail)
    request_id = str(body.get("request_id") or "").strip() or None
    return kind(
        _person_message(explanation, f"{detail} (HTTP {http_status})" if detail else ""),
        code=code or None,
        request_id=request_id,
        http_status=http_status,
    )


def task_error(task: Task) -> ServiceError | None:
    """The error a finished task stands for; None while it runs or once an image was made.

    FAILED maps its `code` like an error answer (a moderation refusal stays a
    `ContentRejectedError`; anything else not covered is a `TaskFailedError`); UNKNOWN is a
    `TaskExpiredError`; CANCELED is a `TaskFailedError` with code "Canceled".
    """
    if not task.status.is_terminal or (
        task.status is TaskStatus.SUCCEEDED and task.succeeded_results
    ):
        return None
    if task.status is TaskStatus.UNKNOWN:
        return TaskExpiredError(
            f"The service no longer knows task {task.task_id}: tasks and their results are "
            "kept for 24 hours.",
            request_id=task.request_id,
        )
    if task.status is TaskStatus.CANCELED:
        return TaskFailedError(
            f"Task {task.task_id} was cancelled.", code="Canceled", request_id=task.request_id
        )
    code = task.code or next((r.code for r in task.failed_results if r.code), None)
    detail = task.message or next((r.message for r in task.failed_results if r.message), "")
    rule = _rule_for(code or "")
    kind = rule.kind if rule and rule.kind is not ServiceError else TaskFailedError
    explanation = rule.explanation if rule else _TASK_FAILED
    if is_quota_exhausted(code, detail):
        kind, explanation = QuotaExhaustedError, _QUOTA_EXPLANATION
    return kind(
        _person_message(explanation, detail or ""),
        code=code or TaskFailedError.code,
        request_id=task.request_id,
        retryable=False,
    )
