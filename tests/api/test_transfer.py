"""Upload policies and file names, without the network."""

from __future__ import annotations

import pytest

from xpaint_desktop.api.transfer import UploadPolicy, ascii_file_name, upload_form
from xpaint_desktop.errors import InputError, ServiceError

ANSWER = {
    "request_id": "r",
    "data": {
        "policy": "eyJwb2xpY3ki",
        "signature": "c2ln",
        "upload_dir": "dashscope-instant/abc/2024-11-01/uuid",
        "upload_host": "https://dashscope-file-mgr.oss-cn-beijing.aliyuncs.com",
        "expire_in_seconds": 300,
        "max_file_size_mb": 10,
        "capacity_limit_mb": 999999999,
        "oss_access_key_id": "LTAI-id",
        "x_oss_object_acl": "private",
        "x_oss_forbid_overwrite": "true",
    },
}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("photo.png", "photo.png"),
        ("照片.png", "image.png"),
        ("Café au lait.JPG", "Cafe_au_lait.jpg"),
        ("C:\\Users\\me\\图 1.jpeg", "1.jpeg"),
        ("/tmp/a b/../x?y#z.bmp", "x_y_z.bmp"),
        ("...", "image"),
        ("noext", "noext"),
    ],
)
def test_ascii_file_names(given: str, expected: str) -> None:
    name = ascii_file_name(given)
    assert name == expected
    assert name.isascii()


def test_form_fields_in_order_with_unique_ascii_keys() -> None:
    policy = UploadPolicy.from_answer(ANSWER, now=0.0)
    fields, files = upload_form(policy, b"PNGDATA", "蒙版.png")
    assert list(fields) == [
        "OSSAccessKeyId",
        "Signature",
        "policy",
        "key",
        "x-oss-object-acl",
        "x-oss-forbid-overwrite",
        "success_action_status",
        "x-oss-content-type",
    ]
    assert fields["OSSAccessKeyId"] == "LTAI-id"
    assert fields["success_action_status"] == "200"
    assert fields["x-oss-content-type"] == "image/png"
    assert fields["key"].startswith("dashscope-instant/abc/2024-11-01/uuid/")
    assert fields["key"].isascii() and fields["key"].endswith("-image.png")
    assert list(files) == ["file"] and files["file"][1] == b"PNGDATA"
    other, _ = upload_form(policy, b"PNGDATA", "蒙版.png")
    assert other["key"] != fields["key"]


def test_policy_validity_keeps_a_safety_margin() -> None:
    policy = UploadPolicy.from_answer(ANSWER, now=1000.0)
    assert policy.valid(now=1000.0)
    assert policy.valid(now=1269.0)
    assert not policy.valid(now=1271.0)


def test_policy_size_limit_names_the_file() -> None:
    policy = UploadPolicy.from_answer(ANSWER, now=0.0)
    policy.check_size(10 * 1024 * 1024, "base.png")
    with pytest.raises(InputError, match=r"base\.png is 10\.0 MB.*10 MB"):
        policy.check_size(10 * 1024 * 1024 + 1, "base.png")


def test_incomplete_policy_answer_is_a_service_error() -> None:
    with pytest.raises(ServiceError, match="incomplete"):
        UploadPolicy.from_answer({"data": {"policy": "p"}, "request_id": "r"})
