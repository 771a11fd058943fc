"""One small error hierarchy shared by every layer.

Each error carries a machine `code` (the service's own code where there is one), a `message`
for a person, the service's `request_id` when known, and whether retrying can help. The UI
shows `message`; logs get `code`. The API key must never appear in any of these texts.
"""

from __future__ import annotations

from enum import StrEnum


class XPaintError(Exception):
    """Base of every error the application reports to a person."""

    code: str = "Error"
    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        request_id: str | None = None,
        http_status: int | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.request_id = request_id
        self.http_status = http_status
        if retryable is not None:
            self.retryable = retryable

    def __str__(self) -> str:
        return self.message


class InputError(XPaintError):
    """Bad input from the person (a file, a parameter): exit status 2, never retried."""

    code = "InvalidInput"


class ConfigError(XPaintError):
    """Missing or unusable configuration, such as no API key for the cloud engine."""

    code = "ConfigError"


class NetworkError(XPaintError):
    """The service could not be reached (DNS, refused connection, timeout before sending)."""

    code = "NetworkError"
    retryable = True


class OutcomeUnknownError(NetworkError):
    """A task-creation request was sent but no answer came back.

    The service may or may not have created (and billed) the task, so it is never re-sent
    blindly: the account's task list settles it.
    """

    code = "OutcomeUnknown"
    retryable = False


class ServiceError(XPaintError):
    """An error answer from the service: HTTP status, `code`, `message`, `request_id`."""

    code = "ServiceError"


class AuthError(ServiceError):
    """401 InvalidApiKey and the like: wrong key, or a key from the other region."""

    code = "InvalidApiKey"


class AccessDeniedError(ServiceError):
    """403: no access to the model, free quota used up, or the async header missing."""

    code = "AccessDenied"


class QuotaExhaustedError(AccessDeniedError):
    """The model's free quota is used up (`AllocationQuota.FreeTierOnly` and the like).

    Never retried: waiting does not help. For wanx-x-painting, whose 500-image trial has no
    paid option after it, the way on is its successor model.
    """

    code = "AllocationQuota.FreeTierOnly"


class ThrottledError(ServiceError):
    """429 Throttling*: too many requests; retried automatically with backoff."""

    code = "Throttling"
    retryable = True


class BillingError(ServiceError):
    """Arrearage, overdue bills, commodity not purchased."""

    code = "Arrearage"


class ContentRejectedError(ServiceError):
    """DataInspectionFailed / IPInfringementSuspect: change the prompt or the image."""

    code = "DataInspectionFailed"


class ServerError(ServiceError):
    """5xx and InternalError*: a fault on the service's side; retry later."""

    code = "InternalError"
    retryable = True


class TaskFailedError(ServiceError):
    """The task ended with status FAILED (all of its images failed)."""

    code = "TaskFailed"


class TaskExpiredError(ServiceError):
    """The service no longer knows the task (UNKNOWN: older than 24 h or never existed)."""

    code = "TaskExpired"


class Cancellation(StrEnum):
    """Why a job stopped before its end; each has its own outcome."""

    # The person cancelled: a queued job was removed, or a PENDING task was cancelled.
    BY_PERSON = "by_person"
    # The person stopped waiting for a task that cannot be stopped on the service.
    STOPPED_WAITING = "stopped_waiting"
    # The application is stopping; the job resumes where it was.
    SHUTDOWN = "shutdown"
    # The service reports the task CANCELED (cancelled elsewhere, or by the service).
    ON_SERVICE = "on_service"


class CancelledError(XPaintError):
    """A job stopped before its end; `kind` says why."""

    code = "Cancelled"

    def __init__(self, message: str, *, kind: Cancellation = Cancellation.SHUTDOWN) -> None:
        super().__init__(message)
        self.kind = kind


class ChoiceNeededError(XPaintError):
    """Several tasks of the account could be the one a lost creation answer would have named.

    Nothing is sent; a person adopts one (`candidates`) or asks to send the job again.
    """

    code = "ChoiceNeeded"

    def __init__(self, message: str, candidates: tuple[object, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates
