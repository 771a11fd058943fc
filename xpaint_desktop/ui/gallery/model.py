"""The gallery's model: every job of the library as one row, loaded only when it is looked at.

A library grows for years, so opening it must not read every job. The model asks the library
for the matching ids alone (one cheap query, a few bytes per job), reads full records in small
pages when the view asks for a row, and keeps a bounded number of them; thumbnails come from a
`ThumbnailLoader` only for rows that are painted. Filters and order are one `GalleryFilters`
value, turned into the library's own query arguments, so the gallery shows exactly what the
library's search and filters return.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from xpaint_desktop.imaging.limits import MODELS
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.query import JobOrder, JobQueryArgs
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.gallery.thumbs import ThumbnailLoader
from xpaint_desktop.ui.shared.names import stage_name, style_name
from xpaint_desktop.ui.shared.note_text import stored_note_text
from xpaint_desktop.ui.shared.service_text import failure_tooltip

log = logging.getLogger(__name__)

PAGE_SIZE = 48
RECORD_CACHE = 1024

ModelIndex = QModelIndex | QPersistentModelIndex


class GalleryRole(IntEnum):
    """Data roles beyond Qt's own, for the delegate, the actions and the tests."""

    JOB_ID = Qt.ItemDataRole.UserRole + 1
    PROMPT = Qt.ItemDataRole.UserRole + 2
    STYLE = Qt.ItemDataRole.UserRole + 3  # readable, translated style name
    DATE = Qt.ItemDataRole.UserRole + 4  # QDateTime, local time
    STATUS = Qt.ItemDataRole.UserRole + 5  # JobStatus
    BADGE = Qt.ItemDataRole.UserRole + 6  # Badge
    FAVOURITE = Qt.ItemDataRole.UserRole + 7
    RECORD = Qt.ItemDataRole.UserRole + 8  # JobRecord
    THUMBNAIL = Qt.ItemDataRole.UserRole + 9  # QPixmap or None (a load is then queued)
    THUMBNAIL_MISSING = Qt.ItemDataRole.UserRole + 10


class Badge(Enum):
    """What the gallery says about a job's outcome: a handful of kinds, not every stage."""

    DONE = "done"
    PARTIAL = "partial"
    FAILED = "failed"
    UNFINISHED = "unfinished"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


_BADGES = {
    JobStatus.DONE: Badge.DONE,
    JobStatus.PARTIAL: Badge.PARTIAL,
    JobStatus.FAILED: Badge.FAILED,
    JobStatus.EXPIRED: Badge.EXPIRED,
    JobStatus.CANCELLED: Badge.CANCELLED,
}


def badge_for(status: JobStatus) -> Badge:
    """Every stage before the end (and an interrupted creation) counts as unfinished."""
    return _BADGES.get(status, Badge.UNFINISHED)


def statuses_for(badges: frozenset[Badge]) -> frozenset[JobStatus]:
    """The library statuses a badge filter stands for."""
    return frozenset(s for s in JobStatus if badge_for(s) in badges)


class GallerySort(Enum):
    NEWEST = "newest"
    OLDEST = "oldest"
    PROMPT_AZ = "prompt-az"
    PROMPT_ZA = "prompt-za"


_SORT_QUERY: dict[GallerySort, tuple[JobOrder, bool]] = {
    GallerySort.NEWEST: (JobOrder.DATE, True),
    GallerySort.OLDEST: (JobOrder.DATE, False),
    GallerySort.PROMPT_AZ: (JobOrder.PROMPT, False),
    GallerySort.PROMPT_ZA: (JobOrder.PROMPT, True),
}


@dataclass(frozen=True)
class GalleryFilters:
    """What the gallery shows and in which order. `None` means "any"."""

    search: str = ""
    badges: frozenset[Badge] | None = None
    styles: frozenset[str] | None = None  # wire values, e.g. "<oil painting>"
    engines: frozenset[EngineKind] | None = None
    models: frozenset[str] | None = None
    favourites_only: bool = False
    date_from: date | None = None
    date_to: date | None = None
    sort: GallerySort = GallerySort.NEWEST

    def query(self) -> JobQueryArgs:
        """The library's query arguments for these filters."""
        order, descending = _SORT_QUERY[self.sort]
        args: JobQueryArgs = {"order": order, "descending": descending}
        if self.search.strip():
            args["search"] = self.search.strip()
        if self.badges is not None:
            args["statuses"] = statuses_for(self.badges)
        if self.styles is not None:
            args["styles"] = self.styles
        if self.engines is not None:
            args["engines"] = self.engines
        if self.models is not None:
            args["models"] = self.models
        if self.favourites_only:
            args["favourites_only"] = True
        if self.date_from is not None:
            args["date_from"] = self.date_from
        if self.date_to is not None:
            args["date_to"] = self.date_to
        return args


def local_time(moment: datetime) -> QDateTime:
    """A QDateTime in local time for an aware datetime (PySide would drop the time zone)."""
    return QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))


def readable_style(job: JobRecord) -> str:
    """The style as a person reads it ("Oil painting"), "Offline" for the local engine, or the
    model's name for a model without styles (wanx2.1-imageedit)."""
    if job.engine is EngineKind.LOCAL:
        return QCoreApplication.translate("GalleryModel", "Offline")
    limits = MODELS.get(job.spec.model)
    if limits is not None and not limits.styles:
        return limits.model
    style = limits.style_by_any_name(job.spec.style) if limits else None
    return style_name(style) if style is not None else job.spec.style.strip("<>")


class GalleryModel(QAbstractListModel):
    """Rows are job ids from `Library.job_ids`; records and thumbnails arrive on demand."""

    def __init__(
        self,
        library: Library,
        loader: ThumbnailLoader | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.loader = loader if loader is not None else ThumbnailLoader(parent=self)
        self.loader.ready.connect(self._thumbnail_ready)
        self._filters = GalleryFilters()
        self._ids: list[int] = []
        self._rows: dict[int, int] | None = None
        self._records: OrderedDict[int, JobRecord] = OrderedDict()
        self.reload()

    # -- contents ----------------------------------------------------------------------------

    @property
    def filters(self) -> GalleryFilters:
        return self._filters

    def set_filters(self, filters: GalleryFilters) -> None:
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def reload(self) -> None:
        """Ask the library again which jobs match (after a filter change or new jobs)."""
        self.beginResetModel()
        self._ids = self.library.job_ids(**self._filters.query())
        self._rows = None
        self._records.clear()
        self.endResetModel()

    def job_ids(self) -> list[int]:
        return list(self._ids)

    def loaded_records(self) -> int:
        """How many job records are held in memory (a few pages, however long the library)."""
        return len(self._records)

    def row_of(self, job_id: int) -> int | None:
        if self._rows is None:
            self._rows = {job_id: row for row, job_id in enumerate(self._ids)}
        return self._rows.get(job_id)

    def job_at(self, row: int) -> JobRecord | None:
        """The record of `row`, read with its page of neighbours if it is not in memory."""
        if not 0 <= row < len(self._ids):
            return None
        job_id = self._ids[row]
        job = self._records.get(job_id)
        if job is None:
            self._fetch_page(row)
            job = self._records.get(job_id)
        else:
            self._records.move_to_end(job_id)
        return job

    def _fetch_page(self, row: int) -> None:
        start = row - row % PAGE_SIZE
        wanted = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._records]
        for job in self.library.get_jobs(wanted):
            self._records[job.id] = job
        while len(self._records) > RECORD_CACHE:
            self._records.popitem(last=False)

    def job(self, job_id: int) -> JobRecord | None:
        row = self.row_of(job_id)
        return self.job_at(row) if row is not None else None

    def refresh_job(self, job_id: int) -> None:
        """A job changed in the library (new status, result, note): show it as it is now.

        A job the model does not hold yet (just created) makes the model reload its ids.
        """
        self._records.pop(job_id, None)
        self.loader.forget(job_id)
        row = self.row_of(job_id)
        if row is None:
            self.reload()
            return
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def remove_job(self, job_id: int) -> None:
        """Take a deleted job's row out of the model and forget its thumbnail."""
        row = self.row_of(job_id)
        self._records.pop(job_id, None)
        self.loader.forget(job_id)
        self.loader.cache.remove(job_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._rows = None
        self.endRemoveRows()

    def _thumbnail_ready(self, job_id: int) -> None:
        row = self.row_of(job_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [GalleryRole.THUMBNAIL])

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == GalleryRole.JOB_ID:
            return self._ids[index.row()]
        job = self.job_at(index.row())
        if job is None:
            return None
        return self._job_data(job, role)

    def _job_data(self, job: JobRecord, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, GalleryRole.PROMPT):
            return job.prompt
        if role == GalleryRole.THUMBNAIL:
            return self.loader.pixmap(job)
        if role == GalleryRole.THUMBNAIL_MISSING:
            return self.loader.is_missing(job.id)
        if role == GalleryRole.STYLE:
            return readable_style(job)
        if role == GalleryRole.DATE:
            return local_time(job.created_at)
        if role == GalleryRole.STATUS:
            return job.status
        if role == GalleryRole.BADGE:
            return badge_for(job.status)
        if role == GalleryRole.FAVOURITE:
            return job.favourite
        if role == GalleryRole.RECORD:
            return job
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job)
        return None

    def _tooltip(self, job: JobRecord) -> str:
        when = local_time(job.created_at).toString(Qt.DateFormat.TextDate)
        lines = [job.prompt, f"{stage_name(job.status)} · {readable_style(job)} · {when}"]
        if (noted := stored_note_text(job)) is not None:
            lines.append(noted)
        elif job.error_message or job.error_code:
            lines.append(failure_tooltip(job.error_code, job.error_message))
        if job.note:
            lines.append(self.tr("Note: {0}").format(job.note))
        return "\n".join(lines)
