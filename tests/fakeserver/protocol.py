"""The service's vocabulary: paths, limits, status names, error codes and messages.

The stand-in keeps its own copy of the rules of the API reference instead of importing the
product's `limits` module: it plays the service, and an independent copy is what lets the tests
catch a wrong limit in the product.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from enum import StrEnum

API_PREFIX = "/api/v1"
CREATE_PATH = f"{API_PREFIX}/services/aigc/image2image/image-synthesis"
TEXT2IMAGE_PATH = f"{API_PREFIX}/services/aigc/text2image/image-synthesis"
TASKS_PREFIX = f"{API_PREFIX}/tasks/"
UPLOADS_PATH = f"{API_PREFIX}/uploads"
OSS_PATH = "/oss"
RESULTS_PREFIX = "/results/"

MODEL = "wanx-x-painting"
SIZES = ("1024*1024", "720*1280", "1280*720")
DEFAULT_SIZE = SIZES[0]
STYLES = (
    "<auto>",
    "<3d cartoon>",
    "<anime>",
    "<oil painting>",
    "<watercolor>",
    "<sketch>",
    "<chinese painting>",
    "<flat illustration>",
)
N_MIN, N_MAX = 1, 4
PROMPT_MAX_CHARS = 75
MIN_SIDE = 256  # exclusive: "greater than 256x256"
MAX_SIDE = 4096  # exclusive: "less than 4096x4096"
MAX_IMAGE_BYTES = 10 * 1024 * 1024
INPUT_FORMATS = ("JPEG", "PNG", "BMP")

IMAGEEDIT_MODEL = "wanx2.1-imageedit"
IMAGEEDIT_FUNCTIONS = (
    "stylization_all",
    "stylization_local",
    "description_edit",
    "description_edit_with_mask",
    "remove_watermark",
    "expand",
    "super_resolution",
    "colorization",
    "doodle",
    "control_cartoon_feature",
)
SEED_MAX = 2147483647


@dataclass(frozen=True)
class ModelRules:
    """What one model accepts. `sizes` empty: the result has the input image's size."""

    name: str
    prompt_max_chars: int
    side_range: tuple[int, int]  # inclusive
    formats: tuple[str, ...]
    sizes: tuple[str, ...]
    styles: tuple[str, ...]
    functions: tuple[str, ...]  # empty: the model takes no `input.function`
    tasks_in_progress: int
    takes_seed: bool
    takes_watermark: bool


X_PAINTING = ModelRules(
    name=MODEL,
    prompt_max_chars=PROMPT_MAX_CHARS,
    side_range=(MIN_SIDE + 1, MAX_SIDE - 1),
    formats=INPUT_FORMATS,
    sizes=SIZES,
    styles=STYLES,
    functions=(),
    tasks_in_progress=1,
    takes_seed=False,
    takes_watermark=False,
)
# From Model Studio's "General image editing - Wan2.1" pages: 512-4096 px, 10 MB, JPG, JPEG,
# PNG, BMP, TIFF, WEBP; prompt up to 800 characters; seed 0-2147483647; 2 tasks in progress.
IMAGEEDIT = ModelRules(
    name=IMAGEEDIT_MODEL,
    prompt_max_chars=800,
    side_range=(512, 4096),
    formats=("JPEG", "PNG", "BMP", "TIFF", "WEBP"),
    sizes=(),
    styles=(),
    functions=IMAGEEDIT_FUNCTIONS,
    tasks_in_progress=2,
    takes_seed=True,
    takes_watermark=True,
)
MODELS = {m.name: m for m in (X_PAINTING, IMAGEEDIT)}

HOUR = 3600.0
TASK_TTL_S = 24 * HOUR
RESULT_TTL_S = 24 * HOUR
UPLOAD_TTL_S = 48 * HOUR
POLICY_TTL_S = 300
UPLOAD_MAX_FILE_MB = 100


class TaskStatus(StrEnum):
    """Task states as they appear in `output.task_status` (CANCELED is what a cancel leads to)."""

    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUSPENDED = "SUSPENDED"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    UNKNOWN = "UNKNOWN"


# Messages the real service sends, kept verbatim where they are documented.
MSG_INVALID_API_KEY = "Invalid API-key provided."
MSG_SYNC_CALL = "current user api does not support synchronous calls"
MSG_RATE_QUOTA = "Requests rate limit exceeded, please try again later."
MSG_DATA_INSPECTION = "Input data may contain inappropriate content."
MSG_INTERNAL = "An internal error has occured, please try again later or contact service support."
MSG_TIMEOUT = (
    "An internal timeout error has occured during execution, please try again later or "
    "contact service support."
)
MSG_SIZE = "The size is not match the allowed size ['1024*1024', '720*1280', '1280*720']"
MSG_BAD_URL = "The provided URL does not appear to be valid. Ensure it is correctly formatted."
MSG_CHINESE_URL = "The provided URL contains Chinese characters, which is not supported."
MSG_MODEL_NOT_EXIST = "Model not exist."
MSG_FREE_QUOTA = "Free allocated quota exceeded."
MSG_URL_ERROR = "url error, please check url!"
MSG_CANCEL = "Failed to cancel the task, please confirm if the task is in PENDING status."
MSG_NOT_FOUND = "The requested resource was not found."


@dataclass
class ApiError(Exception):
    """An error answer: HTTP status and the service's `code`/`message` pair."""

    status: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"


def new_request_id() -> str:
    return str(uuid.uuid4())


def error_body(code: str, message: str, request_id: str) -> dict[str, str]:
    return {"code": code, "message": message, "request_id": request_id}


def format_time(ts: float) -> str:
    """`2024-11-01 09:50:56.081`, the service's timestamp format (local time, milliseconds)."""
    ms = round((ts - int(ts)) * 1000)
    if ms == 1000:
        ts, ms = ts + 1, 0
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(int(ts))) + f".{ms:03d}"


def has_chinese(text: str) -> bool:
    """True if the text holds CJK ideographs or CJK punctuation (the service rejects them)."""
    return any(
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\u3000" <= ch <= "\u303f"
        for ch in text
    )
