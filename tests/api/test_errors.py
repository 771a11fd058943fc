"""Service error answers map to the application's error classes with useful messages."""

from __future__ import annotations

import pytest

from xpaint_desktop.api.errors import error_from_response, explain, task_error
from xpaint_desktop.api.models import parse_task
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

CASES = [
    (401, "InvalidApiKey", AuthError, False),
    (403, "AccessDenied", AccessDeniedError, False),
    (403, "AccessDenied.Unpurchased", AccessDeniedError, False),
    (403, "AllocationQuota.FreeTierOnly", QuotaExhaustedError, False),
    (403, "Model.AccessDenied", AccessDeniedError, False),
    (429, "Throttling", ThrottledError, True),
    (429, "Throttling.RateQuota", ThrottledError, True),
    (429, "Throttling.BurstRate", ThrottledError, True),
    (429, "Throttling.AllocationQuota", ThrottledError, True),
    (429, "PrepaidBillOverdue", BillingError, False),
    (429, "PostpaidBillOverdue", BillingError, False),
    (429, "CommodityNotPurchased", BillingError, False),
    (400, "Arrearage", BillingError, False),
    (400, "DataInspectionFailed", ContentRejectedError, False),
    (400, "data_inspection_failed", ContentRejectedError, False),
    (400, "IPInfringementSuspect", ContentRejectedError, False),
    (500, "InternalError", ServerError, True),
    (500, "InternalError.Algo", ServerError, True),
    (500, "InternalError.Upload", ServerError, True),
    (500, "InternalError.Timeout", ServerError, True),
    (500, "SystemError", ServerError, True),
    (500, "ModelServiceFailed", ServerError, True),
    (500, "RequestTimeOut", ServerError, True),
    (503, "ModelUnavailable", ServerError, True),
    (400, "InvalidParameter", ServiceError, False),
    (400, "InvalidURL", ServiceError, False),
    (400, "InvalidURL.ImageDownloadFailed", ServiceError, False),
    (400, "BadRequest.InputDownloadFailed", ServiceError, False),
    (404, "ModelNotFound", ServiceError, False),
]


@pytest.mark.parametrize(("status", "code", "kind", "retryable"), CASES)
def test_code_maps_to_class(status: int, code: str, kind: type, retryable: bool) -> None:
    body = {"code": code, "message": "detail from the service", "request_id": "req-1"}
    exc = error_from_response(status, body)
    assert type(exc) is kind
    assert exc.code == code
    assert exc.request_id == "req-1"
    assert exc.http_status == status
    assert exc.retryable is retryable
    assert "detail from the service" in exc.message
    assert explain(code) in exc.message


def test_invalid_parameter_message_names_the_parameter() -> None:
    exc = error_from_response(
        400,
        {
            "code": "InvalidParameter",
            "message": "The size is not match the allowed size ['1024*1024', '720*1280']",
        },
    )
    assert "parameter" in exc.message
    assert "The size is not match" in exc.message


@pytest.mark.parametrize(
    ("status", "kind", "code"),
    [
        (401, AuthError, "InvalidApiKey"),
        (403, AccessDeniedError, "AccessDenied"),
        (429, ThrottledError, "Throttling"),
        (502, ServerError, "InternalError"),
        (504, ServerError, "InternalError"),
        (418, ServiceError, "ServiceError"),
    ],
)
def test_status_alone_decides_when_there_is_no_code(status: int, kind: type, code: str) -> None:
    exc = error_from_response(status, None, fallback_text="<html><b>Bad Gateway</b></html>")
    assert type(exc) is kind
    assert exc.code == code
    assert exc.request_id is None
    assert "Bad Gateway" in exc.message and f"HTTP {status}" in exc.message


def test_explanations_point_a_person_somewhere() -> None:
    assert "Preferences" in explain("InvalidApiKey")
    assert "region" in explain("InvalidApiKey")
    assert "moderation" in explain("DataInspectionFailed")
    assert "billing" in explain("Arrearage").lower()
    assert explain("NoSuchCode") == explain(None)
    assert explain("NoSuchCode") != explain("InvalidApiKey")


def test_failed_task_error_keeps_the_service_code() -> None:
    task = parse_task(
        {
            "request_id": "r1",
            "output": {
                "task_id": "t",
                "task_status": "FAILED",
                "code": "InvalidParameter",
                "message": "The size is not match the allowed size",
            },
        }
    )
    exc = task_error(task)
    assert isinstance(exc, TaskFailedError)
    assert exc.code == "InvalidParameter" and exc.request_id == "r1"
    assert "The size is not match" in exc.message


def test_failed_task_for_moderation_is_a_content_rejection() -> None:
    body = {
        "output": {
            "task_id": "t",
            "task_status": "FAILED",
            "code": "DataInspectionFailed",
            "message": "Output data may contain inappropriate content.",
        }
    }
    exc = task_error(parse_task(body))
    assert isinstance(exc, ContentRejectedError)
    assert not exc.retryable


def test_all_images_failed_without_task_code_uses_the_first_result_code() -> None:
    body = {
        "output": {
            "task_id": "t",
            "task_status": "FAILED",
            "results": [{"code": "InternalError.Timeout", "message": "timed out"}],
        }
    }
    exc = task_error(parse_task(body))
    assert exc is not None and exc.code == "InternalError.Timeout"
    assert "timed out" in exc.message


def test_unknown_task_is_expired_and_good_tasks_are_not_errors() -> None:
    gone = task_error(parse_task({"output": {"task_id": "t9", "task_status": "UNKNOWN"}}))
    assert isinstance(gone, TaskExpiredError) and "t9" in gone.message
    ok = {"output": {"task_id": "t", "task_status": "SUCCEEDED", "results": [{"url": "u"}]}}
    assert task_error(parse_task(ok)) is None
    running = {"output": {"task_id": "t", "task_status": "RUNNING"}}
    assert task_error(parse_task(running)) is None


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        (403, "AllocationQuota.FreeTierOnly", "Free allocated quota exceeded."),
        (429, "Throttling.AllocationQuota", "Free allocated quota exceeded."),
        (403, "AccessDenied", "The free quota has been used up for this model."),
        (403, "AccessDenied.Unpurchased", "模型免费额度已用完"),
    ],
)
def test_used_up_free_quota_is_its_own_error_by_code_or_words(
    status: int, code: str, message: str
) -> None:
    exc = error_from_response(status, {"code": code, "message": message})
    assert isinstance(exc, QuotaExhaustedError)
    assert not exc.retryable
    assert "wanx2.1-imageedit" in exc.message


def test_other_access_denials_and_throttling_are_not_a_used_up_quota() -> None:
    denied = error_from_response(403, {"code": "Model.AccessDenied", "message": "no access"})
    throttled = error_from_response(
        429, {"code": "Throttling.AllocationQuota", "message": "Allocated quota exceeded."}
    )
    assert not isinstance(denied, QuotaExhaustedError)
    assert not isinstance(throttled, QuotaExhaustedError)
    assert throttled.retryable


def test_a_failed_task_saying_the_quota_is_used_up_is_a_quota_error() -> None:
    task = parse_task(
        {
            "output": {
                "task_id": "t-1",
                "task_status": "FAILED",
                "code": "AllocationQuota.FreeTierOnly",
                "message": "Free allocated quota exceeded.",
            }
        }
    )
    assert isinstance(task_error(task), QuotaExhaustedError)
