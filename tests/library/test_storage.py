"""What a job costs on disk: the photo kept once as the person's own bytes, a compact mask."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
from PIL import Image

from tests.library.helpers import make_spec
from xpaint_desktop.cli import main
from xpaint_desktop.imaging.composite import feather_mask
from xpaint_desktop.imaging.loading import load_image
from xpaint_desktop.library.files import INPUTS_DIR
from xpaint_desktop.library.inputs import stored_photos
from xpaint_desktop.library.jobfile import JOB_FILE
from xpaint_desktop.library.rebuild import check, rebuild
from xpaint_desktop.library.store import DB_NAME, Library


def _photo(path: Path) -> Path:
    noise = Image.effect_noise((900, 600), 40).convert("RGB")
    noise.save(path, quality=90)
    return path


def _mask() -> Image.Image:
    mask = Image.new("L", (900, 600), 0)
    mask.paste(255, (300, 200, 500, 380))
    return mask


def test_ten_jobs_on_one_photo_store_its_own_bytes_once(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "photo.jpg")
    data = photo.read_bytes()
    base = load_image(photo)
    with Library(tmp_path / "lib") as lib:
        jobs = [
            lib.create_job(make_spec(f"job {i}"), base, _mask(), "photo.jpg", base_bytes=data)
            for i in range(10)
        ]
        kept = [p for p in (lib.root / INPUTS_DIR).rglob("*") if p.is_file()]
        assert len(kept) == 1 and kept[0].read_bytes() == data and kept[0].suffix == ".jpg"
        assert {j.base_path for j in jobs} == {kept[0]}
        usage = lib.disk_usage()
        assert usage.inputs == len(data)
        masks = [j.mask_path.stat().st_size for j in jobs]
        assert max(masks) < 2_000  # a 1-bit PNG of a rectangle
        assert usage.jobs < 10 * 8_000  # masks and job.json, no copy of the photo
        with Image.open(jobs[0].mask_path) as stored:
            assert np.array_equal(np.asarray(stored.convert("L")), np.asarray(_mask()))
        lib.delete_job(jobs[0].id)
        assert lib.get_job(jobs[1].id).base_path.read_bytes() == data  # still used by others


def test_the_command_line_keeps_the_photo_and_the_composite_keeps_it_outside_the_mask(
    tmp_path: Path, _isolated_home: Path
) -> None:
    photo = _photo(tmp_path / "photo.jpg")
    mask_file = tmp_path / "mask.png"
    _mask().save(mask_file)
    out, err = io.StringIO(), io.StringIO()
    argv = ["inpaint", str(photo), str(mask_file), "-p", "x", "--engine", "local", "--json"]
    code = main([*argv, "-o", str(tmp_path / "made.png")], out=out, err=err)
    assert code == 0, err.getvalue()
    doc = json.loads(out.getvalue())
    with Library(_isolated_home) as lib:
        job = lib.get_job(doc["job_id"])
        assert job.base_path.read_bytes() == photo.read_bytes()
        with Image.open(doc["results"][0]["composite"]) as made:
            composite = np.asarray(made.convert("RGB"))
    original = np.asarray(load_image(photo))
    outside = np.asarray(feather_mask(_mask(), job.spec.feather)) == 0
    assert np.array_equal(composite[outside], original[outside])
    assert not np.array_equal(composite, original)


def test_a_photo_goes_with_the_last_job_that_names_it(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "photo.jpg")
    data = photo.read_bytes()
    base = load_image(photo)
    with Library(tmp_path / "lib") as lib:
        first, second = (
            lib.create_job(make_spec(p), base, _mask(), "photo.jpg", base_bytes=data)
            for p in ("one", "two")
        )
        other = lib.create_job(make_spec("three"), base.rotate(90), _mask(), "made.png")
        lib.delete_job(first.id)
        assert second.base_path.read_bytes() == data
        lib.delete_job(second.id)
        assert not second.base_path.exists()
        assert stored_photos(lib.root) == [other.base_path.relative_to(lib.root).as_posix()]
        assert not list((lib.root / INPUTS_DIR).rglob(".*"))  # nothing set aside is left


def test_check_and_rebuild_know_the_photos(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "photo.jpg")
    data = photo.read_bytes()
    root = tmp_path / "lib"
    with Library(root) as lib:
        kept = lib.create_job(make_spec("kept"), load_image(photo), _mask(), "p", base_bytes=data)
        lost = lib.create_job(make_spec("lost"), Image.new("RGB", (900, 600)), _mask(), "q")
        lib.save_result(lost.id, 0, Image.new("RGB", (64, 64), (9, 9, 9)))
    # the index goes, and one folder loses its job.json: rebuilt from its files alone
    (root / DB_NAME).unlink()
    (lost.folder / JOB_FILE).unlink()
    report = rebuild(root)
    assert report.reconstructed == [lost.id] and not report.photos_unnamed
    with Library(root) as lib:
        assert lib.get_job(kept.id).base_path.read_bytes() == data
        assert lib.get_job(lost.id).base_path == lost.base_path  # found through its mask
    assert check(root).healthy
    lost.base_path.unlink()
    orphan = root / INPUTS_DIR / "00" / ("00" * 32 + ".jpg")
    orphan.parent.mkdir()
    orphan.write_bytes(data)
    report = check(root)
    assert report.photo_missing == [lost.id] and not report.healthy
    assert report.photos_unnamed == [orphan.relative_to(root).as_posix()]
    assert rebuild(root).photos_unnamed == report.photos_unnamed
    assert orphan.read_bytes() == data  # kept: only a person decides it can go


def test_an_exif_rotated_photo_is_kept_as_is_and_read_upright(
    tmp_path: Path, _isolated_home: Path
) -> None:
    upright = Image.effect_noise((900, 600), 40).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # stored lying on its side: turn 90 degrees clockwise to show
    photo = tmp_path / "rotated.jpg"
    upright.transpose(Image.Transpose.ROTATE_90).save(photo, quality=90, exif=exif)
    mask_file = tmp_path / "mask.png"
    _mask().save(mask_file)
    out, err = io.StringIO(), io.StringIO()
    argv = ["inpaint", str(photo), str(mask_file), "-p", "x", "--engine", "local", "--json"]
    assert main(argv, out=out, err=err) == 0, err.getvalue()
    with Library(_isolated_home) as lib:
        job = lib.get_job(json.loads(out.getvalue())["job_id"])
    assert job.base_path.read_bytes() == photo.read_bytes()
    assert job.original_size == (900, 600)
    stored = load_image(job.base_path)
    assert stored.size == (900, 600)
    assert np.array_equal(np.asarray(stored), np.asarray(load_image(photo)))
