"""The corpus: damaged libraries, odd places and bad input, each with its documented outcome.

Every case starts from a copy of one library of three finished jobs, does one kind of harm,
runs one command with `--json`, and checks the exit status and the `code` of the one JSON object
it prints. Then, after `library rebuild` where the outcome says to run it, the index passes
`PRAGMA integrity_check` and every job that existed before is still there (except the one a case
deliberately removed). The table is the documentation: `docs/library-recovery.md` explains the
codes and what to do about each.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from tests.library.helpers import make_spec
from xpaint_desktop.cli import main
from xpaint_desktop.library import jobfile
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import DB_NAME, Library

Setup = Callable[["Ctx"], list[str]]
HISTORY = ["history", "--json"]
CHECK = ["library", "check", "--json"]


@dataclass
class Ctx:
    home: Path  # the library, a copy of the seeded one
    tmp: Path  # scratch space for input files
    jobs: list[int]
    photo: Path
    mask: Path
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None

    def folder(self, index: int = 0) -> Path:
        return next((self.home / "jobs").glob(f"*/{self.jobs[index]}"))


@dataclass(frozen=True)
class Case:
    name: str
    outcome: str  # what the person sees and should do: the documented outcome
    setup: Setup
    status: int
    code: str
    rebuild: bool = False
    lost: int | None = None  # index of a seeded job the case itself removes


def _db(c: Ctx) -> Path:
    return c.home / DB_NAME


def _sql(c: Ctx, statement: str) -> None:
    conn = sqlite3.connect(_db(c))
    conn.execute(statement)
    conn.commit()
    conn.close()


def _scribble(path: Path, start: int, length: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    end = len(data) if length is None else start + length
    data[start:end] = bytes([0x5A]) * (end - start)
    path.write_bytes(bytes(data))


def _then(action: Callable[[Ctx], object], argv: list[str] = HISTORY) -> Setup:
    def setup(c: Ctx) -> list[str]:
        action(c)
        return list(argv)

    return setup


def _home(make: Callable[[Ctx], Path], argv: list[str] = HISTORY) -> Setup:
    def setup(c: Ctx) -> list[str]:
        c.env["XPAINT_HOME"] = str(make(c))
        return list(argv)

    return setup


def _inpaint(
    *extra: str, image: Callable[[Ctx], str] | None = None, mask: Callable[[Ctx], str] | None = None
) -> Setup:
    def setup(c: Ctx) -> list[str]:
        img = image(c) if image else str(c.photo)
        msk = mask(c) if mask else str(c.mask)
        return ["inpaint", img, msk, "-p", "x", "--engine", "local", "--json", *extra]

    return setup


def _file(name: str, data: bytes) -> Callable[[Ctx], str]:
    def make(c: Ctx) -> str:
        (c.tmp / name).write_bytes(data)
        return str(c.tmp / name)

    return make


def _picture(name: str, image: Image.Image, **save: object) -> Callable[[Ctx], str]:
    def make(c: Ctx) -> str:
        image.save(c.tmp / name, **save)
        return str(c.tmp / name)

    return make


def _truncated_photo(c: Ctx) -> str:
    data = c.photo.read_bytes()
    (c.tmp / "cut.jpg").write_bytes(data[: len(data) // 2])
    return str(c.tmp / "cut.jpg")


def _huge_png(c: Ctx) -> str:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    head = chunk(b"IHDR", struct.pack(">IIBBBBB", 15_000, 10_000, 8, 2, 0, 0, 0))
    body = chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    (c.tmp / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + head + body)
    return str(c.tmp / "huge.png")


def _symlink_lock(c: Ctx) -> None:
    (c.tmp / "victim").write_text("not yours")
    (c.home / ".library.lock").unlink(missing_ok=True)
    (c.home / ".library.lock").symlink_to(c.tmp / "victim")


def _set_aside(c: Ctx) -> None:
    folder = c.folder(2)
    folder.rename(folder.with_name(f".unindexed-{folder.name}-0badcafe"))
    _sql(c, f"DELETE FROM jobs WHERE id = {c.jobs[2]}")


def _older_index(c: Ctx) -> None:
    _sql(c, f"DELETE FROM jobs WHERE id = {c.jobs[2]}")


def _uncommitted(c: Ctx) -> None:
    folder = c.folder(0).with_name(str(max(c.jobs) + 1))
    folder.mkdir()
    shutil.copy(c.folder(0) / "mask.png", folder / "mask.png")


def _interrupted_delete(c: Ctx) -> None:
    folder = c.folder(1)
    folder.rename(folder.with_name(f".trash-{folder.name}-12345678"))


def _no_descriptions_and_no_index(c: Ctx) -> None:
    for described in (c.home / "jobs").rglob(jobfile.JOB_FILE):
        described.unlink()
    _db(c).unlink()


def _overwrite_pages(c: Ctx) -> None:
    page = int.from_bytes(_db(c).read_bytes()[16:18], "big")
    _scribble(_db(c), page)


def _unlink(path: Callable[[Ctx], Path]) -> Callable[[Ctx], None]:
    return lambda c: path(c).unlink()


def _result(c: Ctx) -> Path:
    return next((c.folder(0) / "results").iterdir())


def _dir_then_file(c: Ctx) -> Path:
    (c.tmp / "plain-file").write_text("x")
    return c.tmp / "plain-file" / "library"


def _dangling(c: Ctx) -> Path:
    (c.tmp / "dangling").symlink_to(c.tmp / "nowhere")
    return c.tmp / "dangling"


def _linked(c: Ctx) -> Path:
    (c.tmp / "linked").symlink_to(c.home)
    return c.tmp / "linked"


def _a_file(c: Ctx) -> Path:
    (c.tmp / "a-file").write_text("mine")
    return c.tmp / "a-file"


def _relative(c: Ctx) -> Path:
    c.cwd = c.home.parent
    return Path(c.home.name)


def _named(name: str) -> Callable[[Ctx], Path]:
    def make(c: Ctx) -> Path:
        (c.tmp / name).mkdir()
        return c.tmp / name

    return make


def _with_other_files(c: Ctx) -> Path:
    folder = c.tmp / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("hello")
    return folder


CASES = [
    # -- the index -----------------------------------------------------------------------------
    Case(
        "index-deleted",
        "refused with IndexMissing and advice; rebuild restores every job",
        _then(_unlink(_db)),
        1,
        "IndexMissing",
        rebuild=True,
    ),
    Case(
        "index-zero-bytes",
        "refused with IndexEmpty (a crash leftover); rebuild restores",
        _then(lambda c: _db(c).write_bytes(b"")),
        1,
        "IndexEmpty",
        rebuild=True,
    ),
    Case(
        "index-pages-overwritten",
        "refused with IndexDamaged; rebuild restores",
        _then(_overwrite_pages),
        1,
        "IndexDamaged",
        rebuild=True,
    ),
    Case(
        "index-header-overwritten",
        "refused with IndexDamaged; rebuild restores",
        _then(lambda c: _scribble(_db(c), 0, 100)),
        1,
        "IndexDamaged",
        rebuild=True,
    ),
    Case(
        "index-truncated",
        "refused with IndexDamaged; rebuild restores",
        _then(lambda c: os.truncate(_db(c), 5000)),
        1,
        "IndexDamaged",
        rebuild=True,
    ),
    Case(
        "index-is-text",
        "refused with IndexDamaged; rebuild keeps the text file aside",
        _then(lambda c: _db(c).write_text("notes\n" * 500)),
        1,
        "IndexDamaged",
        rebuild=True,
    ),
    Case(
        "index-is-a-folder",
        "refused with IndexDamaged; rebuild moves the folder aside",
        _then(lambda c: (_db(c).unlink(), _db(c).mkdir())),
        1,
        "IndexDamaged",
        rebuild=True,
    ),
    Case(
        "index-from-newer-version",
        "refused with LibraryError: update the application",
        _then(lambda c: _sql(c, "PRAGMA user_version = 99")),
        1,
        "LibraryError",
    ),
    Case(
        "index-table-dropped",
        "reported as IndexDamaged when read; rebuild restores",
        _then(lambda c: _sql(c, "DROP TABLE results")),
        1,
        "IndexDamaged",
        rebuild=True,
    ),
    Case(
        "index-wal-garbage",
        "a torn write-ahead log is ignored by SQLite: works",
        _then(lambda c: (c.home / f"{DB_NAME}-wal").write_bytes(b"\x13" * 9000)),
        0,
        "ok",
    ),
    Case(
        "index-shm-garbage",
        "a scribbled shared-memory file is rebuilt by SQLite: works",
        _then(lambda c: (c.home / f"{DB_NAME}-shm").write_bytes(b"\x13" * 32768)),
        0,
        "ok",
    ),
    Case(
        "check-index-deleted",
        "library check says the index is missing (status 1)",
        _then(_unlink(_db), CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "check-index-damaged",
        "library check says the index is damaged (status 1)",
        _then(_overwrite_pages, CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "check-healthy",
        "library check on a sound library: healthy (status 0)",
        _then(lambda c: None, CHECK),
        0,
        "ok",
    ),
    # -- the job folders -----------------------------------------------------------------------
    Case(
        "job-json-deleted",
        "works; check reports it; rebuild takes it from the old index",
        _then(lambda c: (c.folder(0) / "job.json").unlink(), CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "job-json-garbage",
        "works; check reports it; rebuild takes it from the old index",
        _then(lambda c: (c.folder(0) / "job.json").write_text("{oops"), CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "job-json-from-newer-version",
        "check reports it; rebuild takes it from the index",
        _then(lambda c: (c.folder(1) / "job.json").write_text('{"format": 99}'), CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "no-descriptions-and-no-index",
        "IndexMissing; rebuild remakes jobs from their images",
        _then(_no_descriptions_and_no_index),
        1,
        "IndexMissing",
        rebuild=True,
    ),
    Case(
        "job-folder-deleted",
        "the rest works; check names the job whose folder is gone",
        _then(lambda c: shutil.rmtree(c.folder(0))),
        0,
        "ok",
        lost=0,
    ),
    Case(
        "result-file-deleted",
        "the history still lists it; the job keeps its row",
        _then(_unlink(_result)),
        0,
        "ok",
    ),
    Case(
        "result-file-truncated",
        "the history still lists it",
        _then(lambda c: os.truncate(_result(c), 10)),
        0,
        "ok",
    ),
    Case(
        "interrupted-delete",
        "the deletion that was decided is finished on open",
        _then(_interrupted_delete),
        0,
        "ok",
        lost=1,
    ),
    Case(
        "temporary-files-left",
        "unfinished writes are cleared on open, nothing else",
        _then(lambda c: (c.folder(0) / ".job.json.123.tmp").write_text("half")),
        0,
        "ok",
    ),
    Case(
        "uncommitted-creation",
        "left alone on open; check reports it",
        _then(_uncommitted, CHECK),
        1,
        "ProblemsFound",
    ),
    Case(
        "set-aside-folder",
        "check reports it; rebuild brings the job back",
        _then(_set_aside, CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "older-index-restored",
        "check names the job the index lacks; rebuild adds it",
        _then(_older_index, CHECK),
        1,
        "ProblemsFound",
        rebuild=True,
    ),
    Case(
        "stale-claims",
        "claims of dead processes mean nothing: works",
        _then(lambda c: ((c.home / ".claims").mkdir(), (c.home / ".claims/job-1.lock").touch())),
        0,
        "ok",
    ),
    Case(
        "lock-file-is-a-symlink",
        "never followed: works, the target is untouched",
        _then(_symlink_lock),
        0,
        "ok",
    ),
    Case(
        "stray-files-in-jobs",
        "files that are not jobs are ignored",
        _then(
            lambda c: (
                (c.home / "jobs/notes.txt").write_text("x"),
                (c.folder(0).parent / ".DS_Store").write_text("x"),
            )
        ),
        0,
        "ok",
    ),
    # -- odd places ----------------------------------------------------------------------------
    Case(
        "home-is-a-file",
        "one line naming the path and the fix, status 2",
        _home(_a_file),
        2,
        "LibraryPathInvalid",
    ),
    Case(
        "home-under-a-file",
        "one line naming the path and the fix, status 2",
        _home(_dir_then_file),
        2,
        "LibraryPathInvalid",
    ),
    Case(
        "home-cannot-be-created",
        "one line naming the path and the fix, status 2",
        _home(lambda c: Path("/proc/xpaint-corpus/library")),
        2,
        "LibraryPathInvalid",
    ),
    Case(
        "home-dangling-symlink",
        "one line naming the path and the fix, status 2",
        _home(_dangling),
        2,
        "LibraryPathInvalid",
    ),
    Case("home-symlink-to-library", "works through the link", _home(_linked), 0, "ok"),
    Case("home-relative", "works, relative to the current folder", _home(_relative), 0, "ok"),
    Case("home-spaces-and-chinese", "works", _home(_named("我的 图库 (2)")), 0, "ok"),
    Case("home-empty-folder", "a new, empty library", _home(_named("empty")), 0, "ok"),
    Case(
        "home-folder-of-documents",
        "a new library beside the documents, which stay",
        _home(_with_other_files),
        0,
        "ok",
    ),
    # -- bad input -----------------------------------------------------------------------------
    Case(
        "input-missing",
        "one line naming the file, status 2",
        _inpaint(image=lambda c: str(c.tmp / "nope.jpg")),
        2,
        "FileNotFound",
    ),
    Case(
        "input-zero-bytes",
        "one line naming the file, status 2",
        _inpaint(image=_file("empty.jpg", b"")),
        2,
        "InvalidInput",
    ),
    Case(
        "input-text",
        "one line naming the file, status 2",
        _inpaint(image=_file("text.png", b"hello")),
        2,
        "InvalidInput",
    ),
    Case(
        "input-truncated-jpeg",
        "one line naming the file, status 2",
        _inpaint(image=_truncated_photo),
        2,
        "InvalidInput",
    ),
    Case(
        "input-a-folder",
        "one line naming the folder, status 2",
        _inpaint(image=lambda c: str(c.tmp)),
        2,
        "InvalidInput",
    ),
    Case(
        "input-too-small",
        "one line with the size and the minimum, status 2",
        _inpaint(image=_picture("small.png", Image.new("RGB", (100, 100)))),
        2,
        "InvalidInput",
    ),
    Case(
        "input-past-pixel-limit",
        "one line with the size and the limit, status 2",
        _inpaint(image=_huge_png),
        2,
        "ImageTooLarge",
    ),
    Case(
        "mask-other-size",
        "one line with both sizes, status 2",
        _inpaint(mask=_picture("m.png", Image.new("L", (300, 300), 255))),
        2,
        "InvalidInput",
    ),
    Case(
        "mask-empty",
        "one line saying the mask is empty, status 2",
        _inpaint(mask=_picture("blank.png", Image.new("L", (400, 300), 0))),
        2,
        "InvalidInput",
    ),
    Case(
        "variants-5",
        "one line with the allowed range, status 2",
        _inpaint("-n", "5"),
        2,
        "InvalidInput",
    ),
    Case(
        "style-unknown",
        "one line listing the styles, status 2",
        _inpaint("--style", "cubism"),
        2,
        "InvalidInput",
    ),
    Case(
        "size-unknown",
        "one line listing the sizes, status 2",
        _inpaint("--size", "800*600"),
        2,
        "InvalidInput",
    ),
    Case(
        "mask-colour-out-of-range",
        "one line, status 2",
        _inpaint("--mask-color", "300,0,0"),
        2,
        "InvalidInput",
    ),
    Case(
        "option-unknown",
        "UsageError, status 2",
        _then(lambda c: None, ["history", "--bogus", "--json"]),
        2,
        "UsageError",
    ),
    Case(
        "option-not-a-number",
        "UsageError, status 2",
        _then(lambda c: None, ["history", "--limit", "many", "--json"]),
        2,
        "UsageError",
    ),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    root = tmp_path_factory.mktemp("seed") / "library"
    base = Image.new("RGB", (400, 300), (30, 90, 160))
    mask = Image.new("L", (400, 300), 0)
    mask.paste(255, (100, 100, 200, 200))
    ids = []
    with Library(root) as lib:
        for i, prompt in enumerate(("一只猫", "a red kite", "snow on the roof")):
            job = lib.create_job(make_spec(prompt, n=1), base, mask, f"{i}.png")
            lib.set_task_id(job.id, f"task-{i}")
            lib.save_result(job.id, 0, Image.new("RGB", (64, 48), (i, 2, 3)), composite=base)
            lib.set_status(job.id, JobStatus.DONE)
            ids.append(job.id)
    return root, ids


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, out=out, err=err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus(
    case: Case,
    seeded: tuple[Path, list[int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed, ids = seeded
    home = tmp_path / "home"
    shutil.copytree(seed, home, symlinks=True)
    monkeypatch.setenv("XPAINT_HOME", str(home))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    photo, mask = scratch / "photo.jpg", scratch / "mask.png"
    Image.new("RGB", (400, 300), (200, 120, 40)).save(photo, quality=90)
    m = Image.new("L", (400, 300), 0)
    m.paste(255, (150, 100, 250, 200))
    m.save(mask)
    ctx = Ctx(home, scratch, ids, photo, mask)
    argv = case.setup(ctx)
    for key, value in ctx.env.items():
        monkeypatch.setenv(key, value)
    if ctx.cwd is not None:
        monkeypatch.chdir(ctx.cwd)

    status, out, err = _run(argv)

    assert status == case.status, err
    lines = out.splitlines()
    assert len(lines) == 1, out
    doc = json.loads(lines[0])
    assert doc["code"] == case.code and doc["message"], doc
    assert "Traceback" not in err
    if status == 2:
        assert len([ln for ln in err.splitlines() if ln.startswith("error:")]) == 1, err

    monkeypatch.setenv("XPAINT_HOME", str(home))
    if case.rebuild:
        status, out, err = _run(["library", "rebuild", "--json"])
        assert status == 0, err
    conn = sqlite3.connect(home / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {int(r[0]) for r in conn.execute("SELECT id FROM jobs")}
    finally:
        conn.close()
    expected = set(ids) - ({ids[case.lost]} if case.lost is not None else set())
    assert expected <= present, "a job that existed before is missing"
