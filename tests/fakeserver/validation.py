"""Checks of a task-creation request, answered at once with 400 as the service does.

Parameter shape errors (missing fields, n, style, mask_color, URLs, function, seed) fail the
create call. A wrong `size` is accepted and the task ends FAILED, exactly as the reference's
failure example shows; problems with the images themselves are found by the task (see
`images.py`). Each model is checked by its own rules (`protocol.MODELS`); a model the server
does not offer is "Model not exist".
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


def check_model(doc: dict[str, Any], offered: tuple[str, ...]) -> protocol.ModelRules:
    model = doc.get("model")
    if not isinstance(model, str) or not model:
        raise invalid("Field required: model")
    if model not in offered or model not in protocol.MODELS:
        raise invalid(protocol.MSG_MODEL_NOT_EXIST)
    return protocol.MODELS[model]


def check_function(inp: dict[str, Any], rules: protocol.ModelRules) -> str:
    """`input.function` for models that take one; only masked editing is played here."""
    if not rules.functions:
        return ""
    function = inp.get("function")
    if not isinstance(function, str) or not function:
        raise invalid("Field required: input.function")
    if function not in rules.functions:
        raise invalid(f"input.function {function!r} is not supported.")
    if function != "description_edit_with_mask":
        raise invalid(f"input.function {function!r} is not played by this stand-in.")
    return function


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


def check_seed(params: dict[str, Any], rules: protocol.ModelRules) -> int | None:
    seed = params.get("seed")
    if seed is None or not rules.takes_seed:
        return None
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= protocol.SEED_MAX:
        raise invalid(f"parameters.seed should be an integer in [0, {protocol.SEED_MAX}].")
    return seed


def check_watermark(params: dict[str, Any], rules: protocol.ModelRules) -> bool:
    watermark = params.get("watermark", False)
    if not rules.takes_watermark:
        return False
    if not isinstance(watermark, bool):
        raise invalid("parameters.watermark should be a boolean.")
    return watermark


def check_parameters(params: Any, rules: protocol.ModelRules) -> dict[str, Any]:
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise invalid("parameters must be a JSON object.")
    # A model without fixed sizes ignores `size`: its result has the input's size.
    size = params.get("size", protocol.DEFAULT_SIZE) if rules.sizes else ""
    if not isinstance(size, str):
        raise invalid("parameters.size must be a string such as '1024*1024'.")
    n = params.get("n", 1)
    if not isinstance(n, int) or isinstance(n, bool) or not protocol.N_MIN <= n <= protocol.N_MAX:
        raise invalid(
            f"parameters.n should be an integer in [{protocol.N_MIN}, {protocol.N_MAX}], got {n!r}."
        )
    style = params.get("style", rules.styles[0]) if rules.styles else ""
    if rules.styles and style not in rules.styles:
        raise invalid(f"parameters.style {style!r} is not supported; use one of {rules.styles}.")
    return {
        "size": size,
        "n": n,
        "style": style,
        "mask_color": check_mask_color(params.get("mask_color")),
        "seed": check_seed(params, rules),
        "watermark": check_watermark(params, rules),
    }


def parse_create(
    body: bytes,
    oss_resolve: bool,
    reject_words: tuple[str, ...],
    offered: tuple[str, ...] = tuple(protocol.MODELS),
) -> TaskInput:
    """Validate a create request body; raise `ApiError` with the service's code if it is bad."""
    doc = parse_json(body)
    rules = check_model(doc, offered)
    inp = doc.get("input")
    if not isinstance(inp, dict):
        raise invalid("Field required: input")
    function = check_function(inp, rules)
    prompt = inp.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise invalid("Field required: input.prompt")
    base = check_url(inp.get("base_image_url"), "base_image_url", oss_resolve)
    mask = check_url(inp.get("mask_image_url"), "mask_image_url", oss_resolve)
    params = check_parameters(doc.get("parameters"), rules)
    if any(word and word in prompt for word in reject_words):
        raise ApiError(400, "DataInspectionFailed", protocol.MSG_DATA_INSPECTION)
    return TaskInput(
        model=rules.name,
        prompt=prompt[: rules.prompt_max_chars],
        base_image_url=base,
        mask_image_url=mask,
        function=function,
        **params,
    )
