"""The command line end to end: real files, the stand-in over sockets, exit statuses."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def photo(tmp_path: Path, data_dir: Path) -> Path:
    p = tmp_path / "photo.jpg"
    Image.open(data_dir / "rocket.jpg").save(p, quality=92)
    return p


@pytest.fixture
def mask(tmp_path: Path, photo: Path) -> Path:
    size = Image.open(photo).size
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).rectangle((200, 100, 360, 260), fill=255)
    p = tmp_path / "mask.png"
    m.save(p)
    return p


def test_inpaint_json_against_the_stand_in(
    fake_server_env: FakeDashScope, photo: Path, mask: Path, tmp_path: Path
) -> None:
    written = tmp_path / "out" / "cat.png"
    code, out, err = run(
        "inpaint",
        str(photo),
        str(mask),
        "-p",
        "一只戴红色眼镜的狗",
        "--context",
        "full",
        "--json",
        "-o",
        str(written),
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["status"] == "done" and doc["engine"] == "cloud" and doc["task_id"]
    assert doc["usage"] == {"image_count": 1}
    [result] = doc["results"]
    assert result["index"] == 0
    assert result["composite"] == str(written)
    assert Image.open(written).size == Image.open(photo).size
    assert Image.open(result["path"]).size == (1280, 720)  # the whole landscape photo was sent
    assert "running" in err or "pending" in err  # progress lines on stderr


def test_without_key_the_local_engine_runs_and_says_so(photo: Path, mask: Path) -> None:
    code, out, err = run("inpaint", str(photo), str(mask), "-p", "sky", "--json")
    assert code == 0
    assert json.loads(out)["engine"] == "local"
    assert "offline engine" in err


def test_style_names_and_history(fake_server_env: FakeDashScope, photo: Path, mask: Path) -> None:
    code, _, err = run(
        "inpaint",
        str(photo),
        str(mask),
        "-p",
        "red glasses",
        "--style",
        "oil-painting",
        "-n",
        "2",
        "--size",
        "1024*1024",
    )
    assert code == 0, err
    task = fake_server_env.tasks[-1]
    assert task.request.style == "<oil painting>"
    assert task.request.n == 2
    code, out, _ = run("history", "--search", "glasses", "--json")
    assert code == 0
    [job] = json.loads(out)["jobs"]
    assert job["prompt"] == "red glasses" and len(job["results"]) == 2


def test_long_prompt_warns_and_shows_the_cut(
    fake_server_env: FakeDashScope, photo: Path, mask: Path
) -> None:
    prompt = "a" * 70 + "TAIL-CUT"
    code, _, err = run("inpaint", str(photo), str(mask), "-p", prompt)
    assert code == 0
    assert "75" in err and "CUT" in err


def _bad(tmp_path: Path, photo: Path, mask: Path, case: str) -> list[str]:
    small = tmp_path / "small.png"
    Image.new("RGB", (100, 100)).save(small)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    text = tmp_path / "text.png"
    text.write_text("not an image")
    trunc = tmp_path / "trunc.jpg"
    trunc.write_bytes(photo.read_bytes()[:5000])
    other = tmp_path / "other.png"
    Image.new("L", (300, 300), 255).save(other)
    blank = tmp_path / "blank.png"
    Image.new("L", Image.open(photo).size, 0).save(blank)
    p, m = str(photo), str(mask)
    return {
        "missing": [str(tmp_path / "nope.jpg"), m, "-p", "x"],
        "not-image": [str(text), m, "-p", "x"],
        "truncated": [str(trunc), m, "-p", "x"],
        "zero-bytes": [str(empty), m, "-p", "x"],
        "too-small": [str(small), m, "-p", "x"],
        "mask-size": [p, str(other), "-p", "x"],
        "empty-mask": [p, str(blank), "-p", "x"],
        "n5": [p, m, "-p", "x", "-n", "5"],
        "style": [p, m, "-p", "x", "--style", "cubism"],
        "size": [p, m, "-p", "x", "--size", "800*600"],
        "mask-color": [p, m, "-p", "x", "--mask-color", "300,0,0"],
    }[case]


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("missing", "nope.jpg"),
        ("not-image", "text.png"),
        ("truncated", "trunc.jpg"),
        ("zero-bytes", "empty.png"),
        ("too-small", "small.png"),
        ("mask-size", "other.png"),
        ("empty-mask", "blank.png"),
        ("n5", "1"),
        ("style", "cubism"),
        ("size", "800*600"),
        ("mask-color", "300"),
    ],
)
def test_bad_input_gets_one_line_and_status_2(
    tmp_path: Path, photo: Path, mask: Path, case: str, needle: str
) -> None:
    code, _out, err = run("inpaint", *_bad(tmp_path, photo, mask, case))
    assert code == 2, (case, err)
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and needle in lines[0], err
    assert "Traceback" not in err


def test_unreachable_base_url(monkeypatch: pytest.MonkeyPatch, photo: Path, mask: Path) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-secret-value-123")
    monkeypatch.setenv("DASHSCOPE_HTTP_BASE_URL", "http://127.0.0.1:9/api/v1")
    code, out, err = run("inpaint", str(photo), str(mask), "-p", "x")
    assert code == 2, err
    assert "127.0.0.1:9" in err
    assert "sk-secret-value-123" not in out + err


def test_url_inputs(
    fake_server_env: FakeDashScope, tmp_path: Path, photo: Path, mask: Path
) -> None:
    import http.server
    import threading
    from functools import partial

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        code, out, err = run(
            "inpaint", f"{base}/{photo.name}", f"{base}/{mask.name}", "-p", "x", "--json"
        )
    finally:
        httpd.shutdown()
    assert code == 0, err
    [result] = json.loads(out)["results"]
    assert result["composite"] is None  # none asked for (-o): none made
    assert Image.open(result["path"]).size == (1024, 1024)


def test_entry_point_runs_headless_without_a_display(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, "-m", "xpaint_desktop"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "No display" in proc.stderr
    result = Path(proc.stdout.strip().splitlines()[-1].split(": ", 1)[1])
    assert result.exists() and Image.open(result).size == (600, 400)


def test_help_lists_every_command_and_each_command_its_own_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    top = capsys.readouterr().out
    for command in ("inpaint", "history", "resume", "library"):
        assert command in top
    assert main(["inpaint", "--help"]) == 0
    assert "--prompt" in capsys.readouterr().out
    assert main(["library", "check", "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_an_unknown_option_is_a_usage_error_without_any_command_built() -> None:
    err = io.StringIO()
    assert main(["--no-such-option"], io.StringIO(), err) == 2
    assert "unrecognized arguments: --no-such-option" in err.getvalue()


def test_a_turned_photo_takes_a_mask_drawn_upright(
    fake_server_env: FakeDashScope, tmp_path: Path, data_dir: Path
) -> None:
    from tests.imaging.images import with_orientation

    stored = Image.open(data_dir / "rocket.jpg").convert("RGB")  # 640x427 as stored
    photo = with_orientation(stored, tmp_path / "turned.jpg", 6)  # shown 427x640
    upright = Image.new("L", (427, 640), 0)
    ImageDraw.Draw(upright).rectangle((100, 300, 300, 500), fill=255)
    upright.save(tmp_path / "upright.png")
    code, out, err = run("inpaint", str(photo), str(tmp_path / "upright.png"), "-p", "x", "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "done"
    assert len(fake_server_env.tasks) == 1
    # a mask at the stored (unturned) size is refused, with the size the photo is shown at
    stored_mask = tmp_path / "stored.png"
    Image.new("L", (640, 427), 255).save(stored_mask)
    code, _out, err = run("inpaint", str(photo), str(stored_mask), "-p", "x")
    assert code == 2 and "427x640" in err
    assert len(fake_server_env.tasks) == 1


def test_a_broken_photo_is_named_before_a_broken_mask(tmp_path: Path, photo: Path) -> None:
    trunc = tmp_path / "trunc.jpg"
    trunc.write_bytes(photo.read_bytes()[:5000])
    other = tmp_path / "other.png"
    Image.new("L", (300, 300), 255).save(other)
    code, _out, err = run("inpaint", str(trunc), str(other), "-p", "x")
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert code == 2 and len(lines) == 1 and "trunc.jpg" in lines[0], err
