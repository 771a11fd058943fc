"""parse_task against every answer shape printed in the API reference, verbatim."""

# ruff: noqa: E501

from __future__ import annotations

import json

import pytest

from xpaint_desktop.api.models import ResultItem, TaskMetrics, TaskStatus, parse_task

CREATE_ANSWER = """{
    "output": {
        "task_status": "PENDING",
        "task_id": "0385dc79-5ff8-4d82-bcb6-xxxxxx"
    },
    "request_id": "4909100c-7b5a-9f92-bfe5-xxxxxx"
}"""

SUCCEEDED = """{
    "request_id": "85eaba38-0185-99d7-8d16-4d9135238846",
    "output": {
        "task_id": "86ecf553-d340-4e21-af6e-a0c6a421c010",
        "task_status": "SUCCEEDED",
        "results": [
            {
                "url": "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/123/a1.png"
            },
            {
                "url": "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/123/b2.png"
            }
        ],
        "task_metrics": {
            "TOTAL": 2,
            "SUCCEEDED": 2,
            "FAILED": 0
        }
    },
    "usage": {
        "image_count": 2
    }
}"""

FAILED = """{
    "request_id": "e5d70b02-ebd3-98ce-9fe8-759d7d7b107d",
    "output": {
        "task_id": "86ecf553-d340-4e21-af6e-a0c6a421c010",
        "task_status": "FAILED",
        "code": "InvalidParameter",
        "message": "The size is not match the allowed size ['1024*1024', '720*1280', '1280*720']",
        "task_metrics": {
            "TOTAL": 4,
            "SUCCEEDED": 0,
            "FAILED": 4
        }
    }
}"""

PARTIAL = """{
    "request_id": "85eaba38-0185-99d7-8d16-4d9135238846",
    "output": {
        "task_id": "86ecf553-d340-4e21-af6e-a0c6a421c010",
        "task_status": "SUCCEEDED",
        "results": [
            {
                "url": "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/123/a1.png"
            },
            {
                "code": "InternalError.Timeout",
                "message": "An internal timeout error has occured during execution, please try again later or contact service support."
            }
        ],
        "task_metrics": {
            "TOTAL": 2,
            "SUCCEEDED": 1,
            "FAILED": 1
        }
    },
    "usage": {
        "image_count": 1
    }
}"""

SDK_SYNC = """{
	"status_code": 200,
	"request_id": "4126d9dd-e037-9f32-8d56-6d29ab3f9a06",
	"code": null,
	"message": "",
	"output": {
		"task_id": "b476bc4e-35c1-4c4e-a4d9-xxxxxxx",
		"task_status": "SUCCEEDED",
		"results": [{
			"url": "https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/xxxx.png"
		}],
		"submit_time": "2024-11-01 09:50:56.081",
		"scheduled_time": "2024-11-01 09:50:56.104",
		"end_time": "2024-11-01 09:51:22.740",
		"task_metrics": {
			"TOTAL": 1,
			"SUCCEEDED": 1,
			"FAILED": 0
		}
	},
	"usage": {
		"image_count": 1
	}
}"""

SDK_CREATE = """{
	"status_code": 200,
	"request_id": "31b04171-011c-96bd-ac00-f0383b669cc7",
	"code": "",
	"message": "",
	"output": {
		"task_id": "4f90cf14-a34e-4eae-xxxxxxxx",
		"task_status": "PENDING",
		"results": []
	},
	"usage": null
}"""

JAVA_CREATE = """{
	"request_id": "5dbf9dc5-4f4c-9605-85ea-542f97709ba8",
	"output": {
		"task_id": "7277e20e-aa01-4709-xxxxxxxx",
		"task_status": "PENDING"
	}
}"""

ERROR_ANSWER = """{
    "code":"InvalidApiKey",
    "message":"Invalid API-key provided.",
    "request_id":"fb53c4ec-1c12-4fc4-a580-xxxxxx"
}"""


def load(text: str) -> dict:
    return json.loads(text)


def test_create_answer_has_only_id_and_status() -> None:
    task = parse_task(load(CREATE_ANSWER))
    assert task.task_id == "0385dc79-5ff8-4d82-bcb6-xxxxxx"
    assert task.status is TaskStatus.PENDING
    assert not task.status.is_terminal
    assert task.results == ()
    assert task.metrics is None
    assert task.image_count is None
    assert task.code is None and task.message is None
    assert task.request_id == "4909100c-7b5a-9f92-bfe5-xxxxxx"


def test_succeeded_with_two_urls() -> None:
    task = parse_task(load(SUCCEEDED))
    assert task.status is TaskStatus.SUCCEEDED and task.status.is_terminal
    assert [r.url for r in task.results] == [
        "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/123/a1.png",
        "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/123/b2.png",
    ]
    assert [r.index for r in task.results] == [0, 1]
    assert all(r.ok for r in task.results)
    assert task.metrics == TaskMetrics(total=2, succeeded=2, failed=0)
    assert task.image_count == 2
    assert not task.is_partial


def test_failed_task_carries_output_code_and_message() -> None:
    task = parse_task(load(FAILED))
    assert task.status is TaskStatus.FAILED
    assert task.code == "InvalidParameter"
    assert task.message is not None and "allowed size" in task.message
    assert task.results == ()
    assert task.metrics == TaskMetrics(total=4, succeeded=0, failed=4)
    assert task.image_count is None


def test_partial_failure_keeps_each_result_in_place() -> None:
    task = parse_task(load(PARTIAL))
    assert task.status is TaskStatus.SUCCEEDED
    assert task.is_partial
    ok, bad = task.results
    assert ok == ResultItem(
        0, "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/123/a1.png", None, None
    )
    assert not bad.ok and bad.index == 1 and bad.url is None
    assert bad.code == "InternalError.Timeout"
    assert bad.message is not None and bad.message.startswith("An internal timeout")
    assert task.succeeded_results == (ok,)
    assert task.failed_results == (bad,)
    assert task.image_count == 1
    assert task.code is None


def test_sdk_dump_with_null_code_empty_message_and_times() -> None:
    task = parse_task(load(SDK_SYNC))
    assert task.status is TaskStatus.SUCCEEDED
    assert task.code is None and task.message is None
    assert task.submit_time == "2024-11-01 09:50:56.081"
    assert task.scheduled_time == "2024-11-01 09:50:56.104"
    assert task.end_time == "2024-11-01 09:51:22.740"
    assert len(task.results) == 1 and task.results[0].ok


@pytest.mark.parametrize("text", [SDK_CREATE, JAVA_CREATE])
def test_create_answers_with_null_usage_or_none_at_all(text: str) -> None:
    task = parse_task(load(text))
    assert task.status is TaskStatus.PENDING
    assert task.task_id
    assert task.results == () and task.image_count is None and task.code is None


def test_error_answer_without_output_is_an_unknown_task() -> None:
    task = parse_task(load(ERROR_ANSWER))
    assert task.task_id == ""
    assert task.status is TaskStatus.UNKNOWN
    assert task.code == "InvalidApiKey"
    assert task.request_id == "fb53c4ec-1c12-4fc4-a580-xxxxxx"


def test_unknown_task_as_the_service_reports_expired_ones() -> None:
    body = {"request_id": "r", "output": {"task_id": "t-1", "task_status": "UNKNOWN"}}
    task = parse_task(body)
    assert task.status is TaskStatus.UNKNOWN and task.status.is_terminal


@pytest.mark.parametrize(
    ("wire", "status", "terminal"),
    [
        ("PENDING", TaskStatus.PENDING, False),
        ("RUNNING", TaskStatus.RUNNING, False),
        ("SUSPENDED", TaskStatus.SUSPENDED, False),
        ("SUCCEEDED", TaskStatus.SUCCEEDED, True),
        ("FAILED", TaskStatus.FAILED, True),
        ("CANCELED", TaskStatus.CANCELED, True),
        ("UNKNOWN", TaskStatus.UNKNOWN, True),
        ("running", TaskStatus.RUNNING, False),
        ("SOMETHING_NEW", TaskStatus.UNRECOGNISED, False),
        (None, TaskStatus.UNKNOWN, True),
    ],
)
def test_status_parsing(wire: str | None, status: TaskStatus, terminal: bool) -> None:
    assert TaskStatus.parse(wire) is status
    assert status.is_terminal is terminal


def test_null_and_odd_fields_do_not_break_parsing() -> None:
    body = {
        "request_id": None,
        "output": {
            "task_id": "t",
            "task_status": "SUCCEEDED",
            "results": [None, {"url": ""}, {"url": "http://x/a.png", "code": ""}],
            "task_metrics": {"total": "3", "succeeded": 1, "failed": None},
            "code": "",
        },
        "usage": {"image_count": "1"},
    }
    task = parse_task(body)
    assert [r.ok for r in task.results] == [False, False, True]
    assert task.metrics == TaskMetrics(total=3, succeeded=1, failed=0)
    assert task.image_count == 1
    assert task.request_id is None and task.code is None
    assert task.is_partial


def test_output_null() -> None:
    task = parse_task({"output": None, "request_id": "r"})
    assert task.status is TaskStatus.UNKNOWN and task.results == ()
