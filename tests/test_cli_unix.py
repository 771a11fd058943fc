"""The command line as a Unix tool: closed pipes, `--json` for every outcome, settings refused
at once, libraries in odd places, and `library check` / `library rebuild`."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from tests.fakeserver.server import FakeDashScope
from tests.library.helpers import new_job
from xpaint_desktop.cli import main
from xpaint_desktop.library.store import DB_NAME, Library

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def one_json(out: str) -> dict:
    [line] = out.splitlines()
    doc = json.loads(line)
    assert isinstance(doc, dict) and doc["code"] and doc["message"]
    return doc


@pytest.fixture
def images(tmp_path: Path) -> tuple[Path, Path]:
    photo, mask = tmp_path / "photo.png", tmp_path / "mask.png"
    Image.new("RGB", (400, 300), (30, 90, 160)).save(photo)
    m = Image.new("L", (400, 300), 0)
    m.paste(255, (100, 100, 200, 200))
    m.save(mask)
    return photo, mask


def test_history_into_a_closed_pipe_is_quiet(_isolated_home: Path) -> None:
    with Library(_isolated_home) as lib:
        lib.import_jobs(new_job(f"job {i}") for i in range(30))
    proc = subprocess.Popen(
        [sys.executable, "-m", "xpaint_desktop", "history"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written (`| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


@pytest.mark.parametrize(
    ("argv", "status", "code"),
    [
        (["history", "--no-such-option", "--json"], 2, "UsageError"),
        (
            ["inpaint", "/nonexistent/photo.jpg", "/nonexistent/mask.png", "-p", "x", "--json"],
            2,
            "FileNotFound",
        ),
        (["history", "--json"], 0, "ok"),
        (["resume", "--json"], 0, "ok"),
        (["library", "check", "--json"], 0, "ok"),
    ],
)
def test_every_json_outcome_is_one_object_with_code_and_message(
    argv: list[str], status: int, code: str
) -> None:
    got, out, err = run(*argv)
    assert got == status, err
    assert one_json(out)["code"] == code


def test_a_base_url_without_a_scheme_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch, fake_server: FakeDashScope, images: tuple[Path, Path]
) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", fake_server.api_key)
    address = fake_server.base_url.removeprefix("http://")
    monkeypatch.setenv("DASHSCOPE_HTTP_BASE_URL", address)
    code, out, _err = run("inpaint", *map(str, images), "-p", "x", "--json")
    assert code == 2
    doc = one_json(out)
    assert doc["code"] == "ConfigError" and address in doc["message"]
    assert "DASHSCOPE_HTTP_BASE_URL" in doc["message"]
    assert fake_server.tasks == [] and fake_server.requests == []


def test_xpaint_home_pointing_to_a_file_is_one_line_and_status_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a_file = tmp_path / "home-is-a-file"
    a_file.write_text("mine")
    monkeypatch.setenv("XPAINT_HOME", str(a_file))
    code, _out, err = run("history")
    assert code == 2
    assert err.count("\n") == 1 and str(a_file) in err and "XPAINT_HOME" in err
    assert a_file.read_text() == "mine"


def test_an_empty_index_is_reported_with_advice_and_rebuilt(_isolated_home: Path) -> None:
    with Library(_isolated_home) as lib:
        made = lib.import_jobs(new_job(f"job {i}") for i in range(3))
    (_isolated_home / DB_NAME).write_bytes(b"")

    code, out, err = run("history", "--json")
    assert code == 1 and "library rebuild" in err
    assert one_json(out)["code"] == "IndexEmpty"
    code, out, _ = run("library", "check")
    assert code == 1 and "index: empty" in out

    code, out, err = run("library", "rebuild", "--json")
    assert code == 0, err
    doc = one_json(out)
    assert doc["jobs"] == 3 and Path(doc["old_index"]).is_file()
    code, out, _ = run("history", "--json")
    assert [j["job_id"] for j in one_json(out)["jobs"]] == [j.id for j in reversed(made)]


class _Stalling(BaseHTTPRequestHandler):
    """Answers with headers, then stalls: a download that never finishes."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        self.wfile.write(b"\xff\xd8" + b"\0" * 100)
        self.wfile.flush()
        time.sleep(30)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stalling_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stalling)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/photo.jpg"
    finally:
        server.shutdown()


def test_ctrl_c_with_json_prints_one_object(
    stalling_url: str, images: tuple[Path, Path], _isolated_home: Path
) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xpaint_desktop",
            "inpaint",
            stalling_url,
            str(images[1]),
            "-p",
            "x",
            "--engine",
            "local",
            "--json",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
        # Ctrl+C as from a terminal, also when the tests run in a background job (where the
        # shell hands SIGINT down ignored and Python would keep ignoring it)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(3)  # started and waiting for the stalled download
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, err
    assert one_json(out)["code"] == "Interrupted"


def test_a_url_that_is_not_an_image_is_named_by_its_url(
    tmp_path: Path, images: tuple[Path, Path]
) -> None:
    from functools import partial
    from http.server import SimpleHTTPRequestHandler

    (tmp_path / "page.jpg").write_text("<html>not a picture</html>")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/page.jpg"
    try:
        code, _out, err = run("inpaint", url, str(images[1]), "-p", "x", "--engine", "local")
    finally:
        httpd.shutdown()
    assert code == 2
    assert url in err and "xpaint-" not in err


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares `width` x `height` but holds no pixels (cheap stand-in for a huge
    photo: the size is read from the header before any pixel is decoded)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    path.write_bytes(data + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    return path


def test_photos_past_the_pixel_limit_are_refused_naming_it_without_pillow_warnings(
    tmp_path: Path, images: tuple[Path, Path]
) -> None:
    huge = _png_header_only(tmp_path / "huge.png", 12_000, 11_000)  # 132 megapixels
    code, _out, err = run("inpaint", str(huge), str(images[1]), "-p", "x", "--engine", "local")
    assert code == 2
    assert "huge.png" in err and "120 megapixels" in err
    phone = _png_header_only(tmp_path / "phone.png", 12_000, 9_000)  # 108: opened, then found empty
    code, _out, err = run("inpaint", str(phone), str(images[1]), "-p", "x", "--engine", "local")
    assert code == 2 and "truncated" in err
    assert "decompression" not in err.lower() and "DOS" not in err


def test_a_grey_mask_says_how_it_was_read(tmp_path: Path, images: tuple[Path, Path]) -> None:
    grey = tmp_path / "grey.png"
    soft = Image.new("L", (400, 300), 100)  # a dark grey veil: read as "keep"
    soft.paste(255, (150, 100, 210, 150))  # 3000 of 120000 pixels painted
    soft.save(grey)
    code, _out, err = run(
        "inpaint", str(images[0]), str(grey), "-p", "x", "--engine", "local", "--json"
    )
    assert code == 0, err
    [note] = [ln for ln in err.splitlines() if ln.startswith("note:")]
    assert str(grey) in note and "threshold 127" in note and "2% of the picture" in note
    code, _out, err = run("inpaint", *map(str, images), "-p", "x", "--engine", "local")
    assert code == 0 and "threshold" not in err  # a black-and-white mask needs no note
