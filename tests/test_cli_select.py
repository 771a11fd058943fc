"""`inpaint IMAGE --select-box` and `--select-color`: a job from a selection instead of a mask
file, and one clear line for every way of getting it wrong."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.fakeserver.server import FakeDashScope
from tests.test_cli import run
from xpaint_desktop.imaging.selection import color_range
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import load_settings

CUP_BOX = "70,10,415,385"


@pytest.fixture
def coffee(tmp_path: Path, data_dir: Path) -> Path:
    p = tmp_path / "coffee.png"
    p.write_bytes((data_dir / "coffee.png").read_bytes())
    return p


def stored_mask(job_id: int) -> np.ndarray:
    library = Library(load_settings().library_path())
    return np.asarray(Image.open(library.get_job(job_id).mask_path).convert("L"))


def test_a_box_selects_the_object_that_is_repainted(
    fake_server_env: FakeDashScope, coffee: Path, data_dir: Path
) -> None:
    code, out, err = run(
        "inpaint", str(coffee), "--select-box", CUP_BOX, "-p", "a teapot", "--json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["status"] == "done" and len(fake_server_env.tasks) == 1
    mask = stored_mask(doc["job_id"]) != 0
    truth = np.asarray(Image.open(data_dir / "coffee-cup-mask.png").convert("L")) != 0
    assert (mask & truth).sum() / (mask | truth).sum() >= 0.85


def test_colours_with_a_tolerance_select_those_pixels(coffee: Path) -> None:
    code, out, err = run(
        "inpaint",
        str(coffee),
        "--select-color",
        "120,30,20",
        "--select-color",
        "#f0e0d0",
        "--tolerance",
        "30",
        "-p",
        "x",
        "--engine",
        "local",
        "--json",
    )
    assert code == 0, err
    pixels = np.asarray(Image.open(coffee).convert("RGB"))
    expected = color_range(pixels, [(120, 30, 20), (240, 224, 208)], 30)
    np.testing.assert_array_equal(stored_mask(json.loads(out)["job_id"]), expected)


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ([], "give a MASK file, --select-box X,Y,W,H or --select-color R,G,B"),
        (["MASK", "--select-box", CUP_BOX], "only one of a MASK file and --select-box"),
        (["--select-box", CUP_BOX, "--select-color", "1,2,3"], "only one of --select-box and"),
        (["--select-box", "10,10,300"], "'10,10,300' is not valid"),
        (["--select-box", "10,10,0,50"], "positive width and height"),
        (["--select-box", "700,10,50,50"], "0x50 px of the 600x400 image"),
        (["--select-box", CUP_BOX, "--tolerance", "5"], "--tolerance goes with --select-color"),
        (["--select-box", CUP_BOX, "--mask-color", "1,2,3"], "--mask-color reads the colours"),
        (["--select-color", "1,2"], "--select-color '1,2'"),
        (["--select-color", "1,2,3", "--tolerance", "300"], "tolerance 300"),
        (["--select-color", "0,255,0", "--tolerance", "0"], "no pixel of the image is within 0"),
    ],
)
def test_a_wrong_selection_gets_one_line_status_2_and_no_job(
    tmp_path: Path, coffee: Path, extra: list[str], needle: str
) -> None:
    mask = tmp_path / "mask.png"
    Image.new("L", Image.open(coffee).size, 255).save(mask)
    words = [str(mask) if w == "MASK" else w for w in extra]
    code, _out, err = run("inpaint", str(coffee), *words, "-p", "x", "--engine", "local")
    assert code == 2, err
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and needle in lines[0], err
    assert "Traceback" not in err
    assert Library(load_settings().library_path()).list_jobs() == []
