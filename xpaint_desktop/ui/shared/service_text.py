"""The service's errors in the person's language, with the service's own words kept beside.

The service answers in English (`InvalidParameter` "The size is not match ..."). The core maps
each code to a `ServiceProblem` (`api.errors.problem_of`); here every problem has a short title
(for a job's row or a variant's label) and a sentence that says what happened and what to do,
both translated. The service's own text stays available as the detail ("Service said: ..."),
since it may name the parameter at fault. A code this version does not know still gets a
sentence (naming the code); errors of the application itself (no connection, bad input) are not
the service's and keep their own message.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from xpaint_desktop.api.errors import ServiceProblem, problem_of, service_said

_CONTEXT = "ServiceText"
_P = ServiceProblem

_TITLES: dict[ServiceProblem, object] = {
    _P.INVALID_API_KEY: QT_TRANSLATE_NOOP("ServiceText", "API key refused"),
    _P.BILLING: QT_TRANSLATE_NOOP("ServiceText", "Billing problem"),
    _P.FREE_QUOTA_USED_UP: QT_TRANSLATE_NOOP("ServiceText", "Free quota used up"),
    _P.MODEL_ACCESS_DENIED: QT_TRANSLATE_NOOP("ServiceText", "No access to the model"),
    _P.ACCESS_DENIED: QT_TRANSLATE_NOOP("ServiceText", "Access denied"),
    _P.THROTTLED: QT_TRANSLATE_NOOP("ServiceText", "Too many requests"),
    _P.CONTENT_REJECTED: QT_TRANSLATE_NOOP("ServiceText", "Rejected by content moderation"),
    _P.IP_INFRINGEMENT: QT_TRANSLATE_NOOP("ServiceText", "Suspected IP infringement"),
    _P.SERVICE_TIMEOUT: QT_TRANSLATE_NOOP("ServiceText", "The service timed out"),
    _P.SERVICE_FAULT: QT_TRANSLATE_NOOP("ServiceText", "Fault on the service"),
    _P.MODEL_UNAVAILABLE: QT_TRANSLATE_NOOP("ServiceText", "Model unavailable"),
    _P.INVALID_PARAMETER: QT_TRANSLATE_NOOP("ServiceText", "Parameter refused"),
    _P.INVALID_URL: QT_TRANSLATE_NOOP("ServiceText", "Image address refused"),
    _P.INPUT_DOWNLOAD_FAILED: QT_TRANSLATE_NOOP("ServiceText", "Input image not downloaded"),
    _P.BAD_REQUEST: QT_TRANSLATE_NOOP("ServiceText", "Request refused"),
    _P.MODEL_NOT_FOUND: QT_TRANSLATE_NOOP("ServiceText", "Model not offered in this region"),
    _P.NOT_FOUND: QT_TRANSLATE_NOOP("ServiceText", "Not found on the service"),
    _P.TASK_FAILED: QT_TRANSLATE_NOOP("ServiceText", "The service could not make the image"),
    _P.TASK_EXPIRED: QT_TRANSLATE_NOOP("ServiceText", "Expired on the service"),
    _P.CANCELLED_ON_SERVICE: QT_TRANSLATE_NOOP("ServiceText", "Cancelled on the service"),
    _P.RESULT_DOWNLOAD_FAILED: QT_TRANSLATE_NOOP("ServiceText", "Image not downloaded yet"),
    _P.RESULT_EXPIRED: QT_TRANSLATE_NOOP("ServiceText", "Image link expired"),
    _P.NOT_AN_IMAGE: QT_TRANSLATE_NOOP("ServiceText", "The service sent no image"),
    _P.UNKNOWN: QT_TRANSLATE_NOOP("ServiceText", "Service error {0}"),
}

_SENTENCES: dict[ServiceProblem, object] = {
    _P.INVALID_API_KEY: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service refused the API key: it is wrong, or it belongs to the other region. "
        "Check the key and the region in Preferences.",
    ),
    _P.BILLING: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The account is overdue, or the service is not purchased. Check billing in the "
        "Alibaba Cloud console, then run the job again.",
    ),
    _P.FREE_QUOTA_USED_UP: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The model's free quota is used up, and wanx-x-painting has no paid option. Switch "
        "the job to its successor wanx2.1-imageedit, which is paid per image.",
    ),
    _P.MODEL_ACCESS_DENIED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "This account has not activated the model. Activate it in the Model Studio "
        "console, or use the offline engine.",
    ),
    _P.ACCESS_DENIED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service denied access: the account cannot use this model, or its quota is "
        "used up. Check the model's access in the DashScope console.",
    ),
    _P.THROTTLED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service got too many requests at once and asked to slow down. Wait a moment; "
        "a waiting job is retried automatically.",
    ),
    _P.CONTENT_REJECTED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service's content moderation rejected the prompt or the image. Change the "
        "prompt or the painted area and generate again.",
    ),
    _P.IP_INFRINGEMENT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service suspects that the prompt or the image infringes intellectual property "
        "(a brand, a character). Change them and generate again.",
    ),
    _P.SERVICE_TIMEOUT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service ran out of time while making the image. Nothing is wrong with the "
        "inputs: run the job again later.",
    ),
    _P.SERVICE_FAULT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service had an internal fault. Nothing is wrong with the inputs: run the job "
        "again in a few minutes.",
    ),
    _P.MODEL_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The model is unavailable on the service for now. Run the job again later.",
    ),
    _P.INVALID_PARAMETER: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service refused one of the job's parameters; its own words name which. "
        "Change that parameter and generate again.",
    ),
    _P.INVALID_URL: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service could not use the address of an input image. Run the job again: its "
        "images are uploaded again.",
    ),
    _P.INPUT_DOWNLOAD_FAILED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service could not download the uploaded image or mask. Run the job again: its "
        "images are uploaded again.",
    ),
    _P.BAD_REQUEST: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service could not accept the request. Run the job again; if it keeps failing, "
        "its own words say why.",
    ),
    _P.MODEL_NOT_FOUND: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service does not offer this model in the chosen region. Choose the other "
        "region in Preferences, or another model.",
    ),
    _P.NOT_FOUND: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service could not find what was asked for (a task or a file). Run the job again.",
    ),
    _P.TASK_FAILED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service could not make the image. Run the job again, perhaps with another "
        "prompt or painted area.",
    ),
    _P.TASK_EXPIRED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service keeps tasks and their images for 24 hours only. The image, mask and "
        "parameters are kept here: run the job again.",
    ),
    _P.CANCELLED_ON_SERVICE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The task was cancelled on the service (from another device, or by the service). "
        "Run the job again to get the image.",
    ),
    _P.RESULT_DOWNLOAD_FAILED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The image was made but could not be downloaded. It is fetched again when the job "
        "resumes (its link lasts 24 hours); check the internet connection.",
    ),
    _P.RESULT_EXPIRED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The image's link on the service has expired (links last 24 hours), so it can no "
        "longer be downloaded. Run the job again.",
    ),
    _P.NOT_AN_IMAGE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service sent back a file that is not an image. Run the job again.",
    ),
    _P.UNKNOWN: QT_TRANSLATE_NOOP(
        "ServiceText",
        "The service reported an error this version does not know ({0}). Its own words say "
        "more; run the job again, or look at the log.",
    ),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))


@dataclass(frozen=True)
class ServiceText:
    """One service error as a person reads it; texts are translated when asked for."""

    problem: ServiceProblem
    code: str
    said: str = ""  # the service's own words, as they came

    @property
    def title(self) -> str:
        return _tr(_TITLES[self.problem]).format(self.code)

    @property
    def sentence(self) -> str:
        return _tr(_SENTENCES[self.problem]).format(self.code)

    @property
    def detail(self) -> str:
        """ "Service said: ..." (empty when it said nothing more)."""
        if not self.said:
            return ""
        return QCoreApplication.translate("ServiceText", "Service said: {0}").format(self.said)

    def full(self) -> str:
        """The sentence and, on the next line, the service's own words."""
        return "\n".join(t for t in (self.sentence, self.detail) if t)


def service_text(code: str | None, message: str | None = None) -> ServiceText | None:
    """The service error a stored `code` and `message` stand for; None when it is the
    application's own error (its message is already the person's)."""
    problem = problem_of(code, message)
    if problem is None:
        return None
    return ServiceText(problem, (code or "").strip(), service_said(message))


def error_service_text(error: BaseException | None) -> ServiceText | None:
    """`service_text` of an error object (its `code` and `message`)."""
    if error is None:
        return None
    code = getattr(error, "code", None)
    return service_text(code if isinstance(code, str) else None, str(error))


def failure_title(code: str | None, message: str | None) -> str:
    """A short reason for a row or a label: the translated title, else the message."""
    text = service_text(code, message)
    return text.title if text is not None else (message or code or "?")


def failure_tooltip(code: str | None, message: str | None) -> str:
    """The full reason: the sentence and the service's own words, else the message."""
    text = service_text(code, message)
    return text.full() if text is not None else (message or code or "")
