"""Exported PNGs carry their parameters and give them back when read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from xpaint_desktop.errors import InputError
from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.library.pngmeta import (
    PARAMETERS_KEY,
    SPEC_KEY,
    export_name,
    export_png,
    read_png_parameters,
    spec_from_parameters,
)
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import ContextMode, EngineKind, JobSpec

SPEC = JobSpec(
    prompt="一只戴着墨镜的橘猫, oil on canvas",
    style="<oil painting>",
    size="1280*720",
    n=3,
    mask_color=((255, 0, 0), (0, 255, 0)),
    engine=EngineKind.CLOUD,
    context=ContextMode.FULL,
    feather=12,
    parent_job_id=7,
    parent_result_index=1,
)


@pytest.fixture
def finished(library: Library, photo: Image.Image, photo_mask: Image.Image) -> JobRecord:
    job = library.create_job(SPEC, photo, photo_mask, "chelsea.png")
    composite = photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    library.save_result(job.id, 0, photo.resize((128, 85)), composite)
    library.save_result_failure(job.id, 1, "DataInspectionFailed", "the output was rejected")
    return library.get_job(job.id)


def test_export_and_read_back_restores_every_parameter(
    finished: JobRecord, tmp_path: Path, photo: Image.Image
) -> None:
    out = export_png(finished, 0, tmp_path / "out.png")
    assert read_png_parameters(out) == SPEC
    with Image.open(out) as img:
        assert img.format == "PNG"
        assert img.text[PARAMETERS_KEY].startswith(SPEC.prompt + "\n")
        assert "Style: <oil painting>" in img.text[PARAMETERS_KEY]
        # The full-size composite is exported, pixel for pixel.
        expected = photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        assert img.size == expected.size
        assert img.convert("RGB").tobytes() == expected.tobytes()


def test_export_into_a_folder_names_the_file(finished: JobRecord, tmp_path: Path) -> None:
    out = export_png(finished, 0, tmp_path)
    assert out == tmp_path / export_name(finished.id, 0)
    assert out.name == f"xpaint-{finished.id}-1.png"


def test_the_parameters_text_alone_is_enough(finished: JobRecord, tmp_path: Path) -> None:
    out = export_png(finished, 0, tmp_path / "full.png")
    stripped = tmp_path / "stripped.png"
    with Image.open(out) as img:
        info = PngImagePlugin.PngInfo()
        info.add_text(PARAMETERS_KEY, img.text[PARAMETERS_KEY])
        assert SPEC_KEY in img.text
        img.save(stripped, pnginfo=info)
    spec = read_png_parameters(stripped)
    assert spec == SPEC.with_changes(parent_job_id=None, parent_result_index=None)


def test_another_tools_parameters_give_the_prompt() -> None:
    text = "a castle on a hill\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 1"
    spec = spec_from_parameters(text)
    assert spec == JobSpec(prompt="a castle on a hill")
    bad = spec_from_parameters("a fox\nStyle: <nonsense>, Variants: 9, Size: 3*3, Engine: gpu")
    assert bad == JobSpec(prompt="a fox")


def test_failed_variant_and_missing_file_are_explained(finished: JobRecord, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the output was rejected"):
        export_png(finished, 1, tmp_path / "x.png")
    with pytest.raises(InputError, match="no variant 5"):
        export_png(finished, 4, tmp_path / "x.png")
    with pytest.raises(InputError, match="no such file"):
        read_png_parameters(tmp_path / "nothing.png")


def test_files_without_parameters_give_none(tmp_path: Path, photo: Image.Image) -> None:
    plain = tmp_path / "plain.png"
    photo.save(plain)
    assert read_png_parameters(plain) is None
    jpeg = tmp_path / "photo.jpg"
    photo.save(jpeg)
    assert read_png_parameters(jpeg) is None
    text = tmp_path / "notes.png"
    text.write_text("not an image", encoding="utf-8")
    assert read_png_parameters(text) is None
