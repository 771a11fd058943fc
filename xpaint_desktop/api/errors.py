"""From the service's error answers to the application's typed errors.

The service names its errors with a `code` (`InvalidApiKey`, `Throttling.RateQuota`, ...) and an
HTTP status. The rest of the application only sees the small hierarchy of
`xpaint_desktop.errors`, each error with a message a person can act on. The explanations are
English data here; the UI translates them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from xpaint_desktop.errors import (
    AccessDeniedError,
    AuthError,
    BillingError,
    ContentRejectedError,
    QuotaExhaustedError,
    ServerError,
    ServiceError,
    TaskExpiredError,
    TaskFailedError,
    ThrottledError,
)

from .models import Task, TaskStatus

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
    prefix: bool = False

    def matches(self, code: str) -> bool:
        return any(code == c or (self.prefix and code.startswith(c)) for c in self.codes)


_RULES: tuple[_Rule, ...] = (
    _Rule(
        ("InvalidApiKey",),
        AuthError,
        "The API key was refused: a wrong key, or a key from the other region. "
        "Open Preferences to check the key and the region.",
    ),
    _Rule(
        ("Arrearage", "PrepaidBillOverdue", "PostpaidBillOverdue", "CommodityNotPurchased"),
        BillingError,
        "The account has a billing problem (overdue or not purchased). "
        "Check billing in the Alibaba Cloud console.",
    ),
    _Rule(
        ("AllocationQuota.FreeTierOnly",),
        QuotaExhaustedError,
        _QUOTA_EXPLANATION,
    ),
    _Rule(
        ("Model.AccessDenied",),
        AccessDeniedError,
        "This account has no access to the model. Activate it in the Model Studio console.",
    ),
    _Rule(
        ("AccessDenied",),
        AccessDeniedError,
        "Access denied: the account has no access to this model, or its quota is used up.",
        prefix=True,
    ),
    _Rule(
        ("Throttling",),
        ThrottledError,
        "Too many requests at once; the service asked to slow down. Try again shortly.",
        prefix=True,
    ),
    _Rule(
        ("DataInspectionFailed", "data_inspection_failed"),
        ContentRejectedError,
        "The prompt or an image was rejected by content moderation. "
        "Change the prompt or the image.",
    ),
    _Rule(
        ("IPInfringementSuspect",),
        ContentRejectedError,
        "The input looks like it may infringe intellectual property. "
        "Change the prompt or the image.",
    ),
    _Rule(
        ("InternalError",),
        ServerError,
        "The service had an internal problem. Try again later.",
        prefix=True,
    ),
    _Rule(
        ("SystemError", "ModelServiceFailed", "RequestTimeOut"),
        ServerError,
        "The service had an internal problem. Try again later.",
    ),
    _Rule(
        ("ModelUnavailable",),
        ServerError,
        "The model is temporarily unavailable. Try again later.",
    ),
    _Rule(
        ("InvalidParameter",),
        ServiceError,
        "The service rejected a parameter.",
        prefix=True,
    ),
    _Rule(
        ("InvalidURL",),
        ServiceError,
        "The service could not use an input image's address.",
        prefix=True,
    ),
    _Rule(
        ("BadRequest.InputDownloadFailed",),
        ServiceError,
        "The service could not download an input image. Try again; if it keeps failing, "
        "upload the images again.",
    ),
    _Rule(
        ("BadRequest",),
        ServiceError,
        "The service could not accept the request.",
        prefix=True,
    ),
    _Rule(
        ("ModelNotFound",),
        ServiceError,
        "The service does not know this model in this region. Check the region in Preferences.",
    ),
    _Rule(("NotFound",), ServiceError, "The service could not find what was asked for."),
)

_BY_STATUS: tuple[tuple[int, type[ServiceError], str], ...] = (
    (401, AuthError, "InvalidApiKey"),
    (403, AccessDeniedError, "AccessDenied"),
    (429, ThrottledError, "Throttling"),
)

_GENERIC = "The service reported an error."


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
    return f"{explanation} The service said: {detail}"


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
    explanation = rule.explanation if rule else "The task failed on the service."
    if is_quota_exhausted(code, detail):
        kind, explanation = QuotaExhaustedError, _QUOTA_EXPLANATION
    return kind(
        _person_message(explanation, detail or ""),
        code=code or TaskFailedError.code,
        request_id=task.request_id,
        retryable=False,
    )
