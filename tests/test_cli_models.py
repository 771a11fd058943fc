"""The command line's model choice: --model, --seed, --watermark, regions, history by model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.fakeserver.server import FakeDashScope
from tests.test_cli import run
from xpaint_desktop.settings import Region, Settings, save_settings

EDIT = ("--model", "wanx2.1-imageedit")


@pytest.fixture
def pair(tmp_path: Path, data_dir: Path) -> tuple[str, str]:
    photo = tmp_path / "cup.png"
    Image.open(data_dir / "coffee.png").convert("RGB").save(photo)
    w, h = Image.open(photo).size
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).ellipse((w // 3, h // 3, w // 2, h // 2), fill=255)
    mask_path = tmp_path / "cup-mask.png"
    mask.save(mask_path)
    return str(photo), str(mask_path)


def test_imageedit_end_to_end_with_seed_and_watermark(
    fake_server_env: FakeDashScope, pair: tuple[str, str]
) -> None:
    code, out, err = run(
        "inpaint", *pair, "-p", "一只陶瓷兔子", *EDIT, "--seed", "77", "--watermark", "--json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["status"], doc["model"], doc["seed"]) == ("done", "wanx2.1-imageedit", 77)
    assert "paid per image: 1 x 0.02007 USD" in err  # the cost is said before the job runs
    (create,) = fake_server_env.requests_to("image-synthesis", "POST")
    assert create.json["input"]["function"] == "description_edit_with_mask"
    assert create.json["parameters"] == {"n": 1, "seed": 77, "watermark": True}


def test_the_seed_reproduces_the_request(
    fake_server_env: FakeDashScope, pair: tuple[str, str]
) -> None:
    fake_server_env.faults.rate_limit_per_s = None
    paths = []
    for _ in range(2):
        code, out, err = run("inpaint", *pair, "-p", "a blue cup", *EDIT, "--seed", "5", "--json")
        assert code == 0, err
        paths.append(json.loads(out)["results"][0]["path"])
    a, b = (np.asarray(Image.open(p).convert("RGB")) for p in paths)
    assert np.array_equal(a, b)
    bodies = [r.json for r in fake_server_env.requests_to("image-synthesis", "POST")]
    for body in bodies:  # each job uploads its own copies; everything else is the same
        assert body["input"].pop("base_image_url").startswith("oss://")
        assert body["input"].pop("mask_image_url").startswith("oss://")
    assert bodies[0] == bodies[1]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--style", "anime", *EDIT), "has no styles"),
        (("--size", "1280*720", *EDIT), "takes no output size"),
        (("--seed", "-1", *EDIT), "seed is -1"),
        (("--seed", "3"), "takes no seed"),
        (("--watermark",), "no watermark"),
        (("-n", "5", *EDIT), "from 1 to 4"),
    ],
)
def test_invalid_input_per_model_is_refused_with_status_2(
    fake_server_env: FakeDashScope, pair: tuple[str, str], args: tuple[str, ...], words: str
) -> None:
    code, _, err = run("inpaint", *pair, "-p", "a cup", *args)
    assert code == 2
    assert words in err and "Traceback" not in err
    assert fake_server_env.requests == []


def test_a_model_the_region_does_not_offer_is_said_before_any_request(
    fake_server: FakeDashScope, pair: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", fake_server.api_key)
    save_settings(Settings(region=Region.INTERNATIONAL))
    code, _, err = run("inpaint", *pair, "-p", "a cup", *EDIT)
    assert code == 2
    assert "offered in the Beijing region only" in err
    assert fake_server.requests == []


def test_history_shows_and_filters_by_model(
    fake_server_env: FakeDashScope, pair: tuple[str, str]
) -> None:
    fake_server_env.faults.rate_limit_per_s = None
    assert run("inpaint", *pair, "-p", "painted cup")[0] == 0
    assert run("inpaint", *pair, "-p", "edited cup", *EDIT, "--seed", "9")[0] == 0
    _, out, _ = run("history")
    assert "wanx-x-painting" in out and "wanx2.1-imageedit" in out
    _, out, _ = run("history", "--model", "wanx2.1-imageedit", "--json")
    jobs = json.loads(out)["jobs"]
    assert [(j["prompt"], j["model"], j["seed"]) for j in jobs] == [
        ("edited cup", "wanx2.1-imageedit", 9)
    ]
