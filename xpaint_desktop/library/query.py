"""Filters, search and ordering of the job list, turned into one SQL WHERE/ORDER BY.

The gallery asks the same question three ways (how many, which ids, which records); building the
clause in one place keeps the three answers consistent. Search uses the FTS5 trigram index for
words of three or more characters (Chinese or English, case-insensitive) and LIKE for shorter
ones, which trigrams cannot match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal, TypedDict

from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.schema import FTS_TABLE
from xpaint_desktop.spec import EngineKind

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_TRIGRAM = 3


class JobOrder(StrEnum):
    DATE = "date"
    PROMPT = "prompt"


class JobFilter(TypedDict, total=False):
    """Keyword filters shared by `list_jobs`, `count_jobs` and `job_ids`.

    `None` means "any"; an empty collection matches nothing. `date` bounds are whole days in the
    local time zone (both inclusive); `datetime` bounds are instants (naive ones are UTC).
    """

    search: str | None
    statuses: Iterable[JobStatus] | None
    styles: Iterable[str] | None
    engines: Iterable[EngineKind] | None
    models: Iterable[str] | None
    favourites_only: bool
    date_from: date | datetime | None
    date_to: date | datetime | None


class JobQueryArgs(JobFilter, total=False):
    """Filters plus order and paging, for the calls that return jobs in order."""

    order: JobOrder | Literal["date", "prompt"]
    descending: bool
    limit: int | None
    offset: int


@dataclass(frozen=True)
class JobQuery:
    """A normalised `JobQueryArgs`."""

    search: str | None = None
    statuses: Iterable[JobStatus] | None = None
    styles: Iterable[str] | None = None
    engines: Iterable[EngineKind] | None = None
    models: Iterable[str] | None = None
    favourites_only: bool = False
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    order: JobOrder | Literal["date", "prompt"] = JobOrder.DATE
    descending: bool = True
    limit: int | None = None
    offset: int = 0


def to_db_time(moment: datetime) -> str:
    """Fixed-width UTC text, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text)  # the trailing "Z" makes it UTC


def local_day_start(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _bound(value: date | datetime, *, upper: bool) -> tuple[str, str]:
    """SQL comparison and db time for a date filter bound."""
    if isinstance(value, datetime):
        return ("<=" if upper else ">="), to_db_time(value)
    if upper:
        return "<", to_db_time(local_day_start(value + timedelta(days=1)))
    return ">=", to_db_time(local_day_start(value))


def _in_clause(column: str, values: Iterable[Any]) -> tuple[str, list[Any]]:
    items = sorted({str(v) for v in values})
    if not items:
        return "0", []
    return f"{column} IN ({', '.join('?' * len(items))})", items


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_clauses(text: str, fts: bool) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    fts_terms: list[str] = []
    for term in text.split():
        if fts and len(term) >= _TRIGRAM:
            fts_terms.append('"' + term.replace('"', '""') + '"')
        else:
            clauses.append("(jobs.prompt LIKE ? ESCAPE '\\' OR jobs.note LIKE ? ESCAPE '\\')")
            params += [_like_pattern(term)] * 2
    if fts_terms:
        clauses.append(f"jobs.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)")
        params.append(" AND ".join(fts_terms))
    return clauses, params


def where_clause(query: JobQuery, *, fts: bool) -> tuple[str, list[Any]]:
    """`WHERE ...` (or an empty string) and its parameters for the filters of `query`."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.search and query.search.strip():
        more, more_params = _search_clauses(query.search, fts)
        clauses += more
        params += more_params
    for column, values in (
        ("jobs.status", query.statuses),
        ("jobs.style", query.styles),
        ("jobs.engine", query.engines),
        ("jobs.model", query.models),
    ):
        if values is not None:
            clause, values_params = _in_clause(column, values)
            clauses.append(clause)
            params += values_params
    if query.favourites_only:
        clauses.append("jobs.favourite = 1")
    for value, upper in ((query.date_from, False), (query.date_to, True)):
        if value is not None:
            op, stamp = _bound(value, upper=upper)
            clauses.append(f"jobs.created_at {op} ?")
            params.append(stamp)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def order_clause(query: JobQuery) -> tuple[str, list[Any]]:
    """`ORDER BY ... LIMIT ... OFFSET ...` and its parameters."""
    direction = "DESC" if query.descending else "ASC"
    if JobOrder(query.order) is JobOrder.PROMPT:
        sql = f" ORDER BY jobs.prompt COLLATE NOCASE {direction}, jobs.id {direction}"
    else:
        sql = f" ORDER BY jobs.created_at {direction}, jobs.id {direction}"
    params: list[Any] = []
    if query.limit is not None or query.offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if query.limit is None else max(0, query.limit), max(0, query.offset)]
    return sql, params
