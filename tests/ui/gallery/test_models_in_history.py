"""History per model: the usage view's trial and cost, the filter, the details of each job."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from tests.ui.gallery.test_support import mask_for
from xpaint_desktop.imaging.limits import MODEL_IMAGEEDIT, MODEL_X_PAINTING
from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec
from xpaint_desktop.ui.gallery.filters import GalleryFilterBar
from xpaint_desktop.ui.gallery.model import GalleryModel, readable_style
from xpaint_desktop.ui.jobs.detail import JobDetailDialog
from xpaint_desktop.ui.jobs.usage import UsageView
from xpaint_desktop.ui.shared.widgets import select_data


def _two_jobs(library: Library, data_dir: Path) -> tuple[JobRecord, JobRecord]:
    with Image.open(data_dir / "chelsea.png") as img:
        photo = img.convert("RGB")
    painted = library.create_job(
        JobSpec(prompt="a painted cat", style="<anime>", size="1280*720"),
        photo,
        mask_for(photo),
        "cat.png",
    )
    edited = library.create_job(
        JobSpec(prompt="an edited cat", model=MODEL_IMAGEEDIT, style="", seed=42, watermark=True),
        photo,
        mask_for(photo),
        "cat.png",
    )
    library.set_usage(painted.id, 120)
    library.set_usage(edited.id, 3)
    return library.get_job(painted.id), library.get_job(edited.id)


def test_usage_counts_the_trial_and_the_cost_per_model(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    with Library(tmp_path / "usage") as library:
        _two_jobs(library, data_dir)
        view = UsageView(library)
        qtbot.addWidget(view)
        view.show()
        assert view.quota_bar.value() == 120  # only x-painting's images use the trial
        assert "120 of 500" in view.quota_bar.format()
        assert MODEL_X_PAINTING in view.quota_bar.format()
        paid = view.paid_label.text()
        assert paid.startswith(f"{MODEL_IMAGEEDIT}: images made 3, cost ")
        assert "3 × 0.02007 USD = 0.06021 USD" in paid
        assert "123" in view.total_label.text()


def test_each_job_shows_its_own_parameters(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    with Library(tmp_path / "lib") as library:
        painted, edited = _two_jobs(library, data_dir)
        assert readable_style(painted) == "Anime"
        assert readable_style(edited) == MODEL_IMAGEEDIT
        rows: dict[int, dict[str, str]] = {}
        for job in (painted, edited):
            dialog = JobDetailDialog(library, job.id)
            qtbot.addWidget(dialog)
            form = dialog.form
            rows[job.id] = {
                form.itemAt(i, form.ItemRole.LabelRole).widget().text(): form.itemAt(
                    i, form.ItemRole.FieldRole
                )
                .widget()
                .text()
                for i in range(form.rowCount())
                if form.itemAt(i, form.ItemRole.LabelRole) is not None
            }
        assert rows[painted.id]["Model"] == MODEL_X_PAINTING
        assert rows[painted.id]["Style"] == "Anime" and "Seed" not in rows[painted.id]
        assert rows[edited.id]["Model"] == MODEL_IMAGEEDIT
        assert rows[edited.id]["Seed"] == "42" and rows[edited.id]["Watermark"] == "On"
        assert "Style" not in rows[edited.id] and "Size" not in rows[edited.id]


def test_the_gallery_filters_by_model(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    with Library(tmp_path / "lib") as library:
        painted, edited = _two_jobs(library, data_dir)
        bar = GalleryFilterBar()
        qtbot.addWidget(bar)
        model = GalleryModel(library)
        seen: list[list[int]] = []
        for choice in (MODEL_IMAGEEDIT, MODEL_X_PAINTING, None):
            assert select_data(bar.model_box, choice)
            model.set_filters(bar.filters())
            seen.append(model.job_ids())
        assert seen == [[edited.id], [painted.id], [edited.id, painted.id]]
