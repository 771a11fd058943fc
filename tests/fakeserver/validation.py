"""Checks of a task-creation request, answered at once with 400 as the service does.

Parameter shape errors (missing fields, n, style, mask_color, URLs) fail the create call. A
wrong `size` is accepted and the task ends FAILED, exactly as the reference's failure example
shows; problems with the images themselves are found by the task (see `images.py`).
"""

from __future__ import annotations

import json
from typing import Any

from tests.fakeserver import protocol
from tests.fakeserver.protocol import ApiError
from tests.fakeserver.tasks import TaskInput


def invalid(message: str) -> ApiError:
    return ApiError(400, "InvalidParameter", message)


def parse_json(body: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise invalid(f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise invalid("The request body must be a JSON object.")
    return doc


def check_model(doc: dict[str, Any]) -> str:
    model = doc.get("model")
    if not isinstance(model, str) or not model:
        raise invalid("Field required: model")
    if model != protocol.MODEL:
        raise invalid(protocol.MSG_MODEL_NOT_EXIST)
    return model


def check_url(value: Any, name: str, oss_resolve: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        raise invalid(f"Field required: input.{name}")
    if protocol.has_chinese(value):
        raise ApiError(400, "InvalidURL", f"{protocol.MSG_CHINESE_URL} ({name})")
    scheme = value.split("://", 1)[0].lower() if "://" in value else ""
    if scheme == "oss":
        if not oss_resolve:
            raise invalid(f"{protocol.MSG_BAD_URL} ({name})")
    elif scheme not in ("http", "https"):
        raise invalid(f"{protocol.MSG_BAD_URL} ({name})")
    return value


def check_mask_color(value: Any) -> tuple[tuple[int, int, int], ...]:
    if value is None:
        return ()
    bad = invalid(
        "parameters.mask_color must be a list of [R, G, B] lists with values from 0 to 255."
    )
    if not isinstance(value, list):
        raise bad
    colours: list[tuple[int, int, int]] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 3:
            raise bad
        if not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in item):
            raise bad
        colours.append((item[0], item[1], item[2]))
    return tuple(colours)


def check_parameters(params: Any) -> tuple[str, int, str, tuple[tuple[int, int, int], ...]]:
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise invalid("parameters must be a JSON object.")
    size = params.get("size", protocol.DEFAULT_SIZE)
    if not isinstance(size, str):
        raise invalid("parameters.size must be a string such as '1024*1024'.")
    n = params.get("n", 1)
    if not isinstance(n, int) or isinstance(n, bool) or not protocol.N_MIN <= n <= protocol.N_MAX:
        raise invalid(
            f"parameters.n should be an integer in [{protocol.N_MIN}, {protocol.N_MAX}], got {n!r}."
        )
    style = params.get("style", protocol.STYLES[0])
    if style not in protocol.STYLES:
        raise invalid(f"parameters.style {style!r} is not supported; use one of {protocol.STYLES}.")
    return size, n, style, check_mask_color(params.get("mask_color"))


def parse_create(body: bytes, oss_resolve: bool, reject_words: tuple[str, ...]) -> TaskInput:
    """Validate a create request body; raise `ApiError` with the service's code if it is bad."""
    doc = parse_json(body)
    model = check_model(doc)
    inp = doc.get("input")
    if not isinstance(inp, dict):
        raise invalid("Field required: input")
    prompt = inp.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise invalid("Field required: input.prompt")
    base = check_url(inp.get("base_image_url"), "base_image_url", oss_resolve)
    mask = check_url(inp.get("mask_image_url"), "mask_image_url", oss_resolve)
    size, n, style, mask_color = check_parameters(doc.get("parameters"))
    if any(word and word in prompt for word in reject_words):
        raise ApiError(400, "DataInspectionFailed", protocol.MSG_DATA_INSPECTION)
    return TaskInput(
        model=model,
        prompt=prompt[: protocol.PROMPT_MAX_CHARS],
        base_image_url=base,
        mask_image_url=mask,
        size=size,
        n=n,
        style=style,
        mask_color=mask_color,
    )
