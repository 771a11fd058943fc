"""Temporary upload: the `getPolicy` answer and the OSS-style multipart form POST.

A policy is a signed, expiring permission to write under one `upload_dir`; files are stored
under their key, tied to the model and account that asked for the policy, and read back only by
the task worker resolving an `oss://` URL.
"""

from __future__ import annotations

import base64
import email.message
import email.parser
import email.policy
import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass

from tests.fakeserver import protocol

ACCESS_KEY_ID = "LTAI5tFakeDashScopeOss"
FORM_FIELDS = (
    "OSSAccessKeyId",
    "Signature",
    "policy",
    "key",
    "x-oss-object-acl",
    "x-oss-forbid-overwrite",
    "success_action_status",
)
OPTIONAL_FIELDS = ("x-oss-content-type",)


@dataclass(frozen=True)
class Policy:
    """One issued upload policy."""

    policy: str
    signature: str
    upload_dir: str
    model: str
    api_key: str
    expires_at: float


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file, readable only by the account and model it was uploaded for."""

    key: str
    data: bytes
    model: str
    api_key: str
    uploaded_at: float
    content_type: str


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart form."""

    name: str
    filename: str | None
    data: bytes


class OssError(Exception):
    """An OSS-style error answer (XML body)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def xml(self, request_id: str) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n'
            f"  <Code>{self.code}</Code>\n  <Message>{self.message}</Message>\n"
            f"  <RequestId>{request_id}</RequestId>\n  <HostId>127.0.0.1</HostId>\n</Error>\n"
        ).encode()


class UploadStore:
    """Policies and uploaded files (not thread-safe: the server calls it under its lock)."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(16)
        self._policies: dict[str, Policy] = {}
        self.files: dict[str, StoredFile] = {}

    def issue(self, model: str, api_key: str, now: float) -> Policy:
        account = hashlib.sha256(api_key.encode()).hexdigest()[:12]
        day = time.strftime("%Y-%m-%d", time.localtime(now))
        upload_dir = f"dashscope-instant/{account}/{day}/{uuid.uuid4()}"
        expires_at = now + protocol.POLICY_TTL_S
        doc = {
            "expiration": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(expires_at)),
            "conditions": [
                ["content-length-range", 0, protocol.UPLOAD_MAX_FILE_MB * 1024 * 1024],
                ["starts-with", "$key", upload_dir],
                {"bucket": "dashscope-file-mgr"},
                {"x-oss-object-acl": "private"},
                {"x-oss-forbid-overwrite": "true"},
            ],
        }
        text = base64.b64encode(json.dumps(doc).encode()).decode()
        policy = Policy(text, self._sign(text), upload_dir, model, api_key, expires_at)
        self._policies[text] = policy
        return policy

    def policy_data(self, policy: Policy, upload_host: str) -> dict[str, object]:
        """The `data` object of the getPolicy answer."""
        return {
            "policy": policy.policy,
            "signature": policy.signature,
            "upload_dir": policy.upload_dir,
            "upload_host": upload_host,
            "expire_in_seconds": protocol.POLICY_TTL_S,
            "max_file_size_mb": protocol.UPLOAD_MAX_FILE_MB,
            "capacity_limit_mb": 999999999,
            "oss_access_key_id": ACCESS_KEY_ID,
            "x_oss_object_acl": "private",
            "x_oss_forbid_overwrite": "true",
        }

    def _sign(self, text: str) -> str:
        digest = hmac.new(self._secret, text.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def accept(self, parts: list[FormPart], now: float) -> StoredFile:
        """Check a form POST like OSS does and store its file."""
        if not parts or parts[-1].name != "file":
            raise OssError(400, "InvalidArgument", "The file field must be the last form field.")
        fields: dict[str, str] = {}
        for part in parts[:-1]:
            if part.name not in FORM_FIELDS + OPTIONAL_FIELDS:
                raise OssError(400, "InvalidArgument", f"Unexpected form field {part.name!r}.")
            fields[part.name] = part.data.decode("utf-8", "replace")
        missing = [f for f in FORM_FIELDS if f not in fields]
        if missing:
            raise OssError(400, "InvalidArgument", f"Missing form field(s): {', '.join(missing)}.")
        if fields["OSSAccessKeyId"] != ACCESS_KEY_ID:
            raise OssError(403, "InvalidAccessKeyId", "The OSS Access Key Id does not exist.")
        policy = self._policies.get(fields["policy"])
        if policy is None or not hmac.compare_digest(
            fields["Signature"], self._sign(fields["policy"])
        ):
            raise OssError(
                403, "SignatureDoesNotMatch", "The request signature we calculated does not match."
            )
        if now >= policy.expires_at:
            raise OssError(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
        key = fields["key"]
        if not key.startswith(policy.upload_dir + "/") or key == policy.upload_dir + "/":
            raise OssError(
                403,
                "AccessDenied",
                f'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", '
                f'"{policy.upload_dir}"]',
            )
        data = parts[-1].data
        if len(data) > protocol.UPLOAD_MAX_FILE_MB * 1024 * 1024:
            raise OssError(400, "EntityTooLarge", "Your proposed upload exceeds the limit.")
        if key in self.files and fields["x-oss-forbid-overwrite"].lower() == "true":
            raise OssError(409, "FileAlreadyExists", "The object you specified already exists.")
        stored = StoredFile(
            key,
            data,
            policy.model,
            policy.api_key,
            now,
            fields.get("x-oss-content-type", "application/octet-stream"),
        )
        self.files[key] = stored
        return stored

    def read(self, key: str, model: str, api_key: str, now: float) -> bytes | None:
        """A stored file for this account and model while it lives (48 h), else None."""
        stored = self.files.get(key)
        if stored is None or stored.model != model or stored.api_key != api_key:
            return None
        if now - stored.uploaded_at > protocol.UPLOAD_TTL_S:
            return None
        return stored.data


def parse_multipart(content_type: str, body: bytes) -> list[FormPart]:
    """Split a multipart/form-data body into its parts, keeping their order and exact bytes."""
    header = email.message.Message()
    header["Content-Type"] = content_type
    if header.get_content_type() != "multipart/form-data":
        raise OssError(400, "InvalidArgument", "Expected a multipart/form-data body.")
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise OssError(400, "InvalidArgument", "The multipart body has no boundary.")
    delimiter = b"--" + boundary.encode()
    parts: list[FormPart] = []
    parser = email.parser.BytesHeaderParser(policy=email.policy.HTTP)
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise OssError(400, "InvalidArgument", "Malformed multipart part.")
        headers = parser.parsebytes(head + b"\r\n\r\n")
        disposition = headers.get("Content-Disposition", "")
        holder = email.message.Message()
        holder["Content-Disposition"] = str(disposition)
        name = holder.get_param("name", header="content-disposition")
        filename = holder.get_param("filename", header="content-disposition")
        parts.append(
            FormPart(
                name if isinstance(name, str) else "",
                filename if isinstance(filename, str) else None,
                data.removesuffix(b"\r\n"),
            )
        )
    return parts
