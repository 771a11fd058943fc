"""What one job asks for, frozen at the moment the person presses Generate.

`JobSpec` is shared by the GUI, the command line, the library (which stores it) and the
runner (which executes it). It is plain data and round-trips through JSON.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from xpaint_desktop.imaging.limits import DEFAULT_MODEL


class EngineKind(StrEnum):
    CLOUD = "cloud"
    LOCAL = "local"


class ContextMode(StrEnum):
    AUTO = "auto"  # crop a context region around the mask
    FULL = "full"  # send the whole image


SIZE_AUTO = "auto"
DEFAULT_FEATHER_PX = 8


@dataclass(frozen=True)
class JobSpec:
    """Parameters of one inpainting job (the images themselves live in the library)."""

    prompt: str
    style: str = "<auto>"
    size: str = SIZE_AUTO  # "auto" or one of the model's sizes, e.g. "1024*1024"
    n: int = 1
    seed: int | None = None  # None: the service picks one (models that take a seed)
    watermark: bool | None = None  # None: the model's default (models that take one)
    mask_color: tuple[tuple[int, int, int], ...] = ()
    engine: EngineKind = EngineKind.CLOUD
    context: ContextMode = ContextMode.AUTO
    feather: int = DEFAULT_FEATHER_PX
    model: str = DEFAULT_MODEL
    parent_job_id: int | None = None
    parent_result_index: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        d = asdict(self)
        d["engine"] = str(self.engine)
        d["context"] = str(self.context)
        d["mask_color"] = [list(c) for c in self.mask_color]
        return json.dumps(d, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> JobSpec:
        d = json.loads(text)
        known = {f for f in cls.__dataclass_fields__}
        d = {k: v for k, v in d.items() if k in known}
        d["engine"] = EngineKind(d.get("engine", EngineKind.CLOUD))
        d["context"] = ContextMode(d.get("context", ContextMode.AUTO))
        d["mask_color"] = tuple(tuple(int(x) for x in c) for c in d.get("mask_color", ()))
        return cls(**d)

    def with_changes(self, **changes: Any) -> JobSpec:
        return replace(self, **changes)
