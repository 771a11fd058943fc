"""The library's SQLite schema and its migrations.

A library is kept for years and opened by newer versions of the application, so the schema is
versioned with `PRAGMA user_version` and changed only by appending to `MIGRATIONS`. Each
migration runs in its own transaction together with the version bump: a crash leaves the file
at the previous version, never half-migrated.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xpaint_desktop.errors import XPaintError

log = logging.getLogger(__name__)

FTS_TABLE = "jobs_fts"


class LibraryError(XPaintError):
    """The library cannot be used as it is (newer format, damaged, wrong folder)."""

    code = "LibraryError"


@dataclass(frozen=True)
class Migration:
    """One step of the schema: `apply` moves a database from `version - 1` to `version`."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _create_schema(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            spec_json TEXT NOT NULL,
            prompt TEXT NOT NULL,
            style TEXT NOT NULL,
            engine TEXT NOT NULL,
            model TEXT NOT NULL,
            parent_job_id INTEGER,
            status TEXT NOT NULL,
            task_id TEXT,
            source_name TEXT NOT NULL,
            folder TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            placement_json TEXT,
            error_code TEXT,
            error_message TEXT,
            request_id TEXT,
            image_count INTEGER,
            favourite INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE results (
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            path TEXT,
            composite_path TEXT,
            code TEXT,
            message TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (job_id, idx)
        )
        """
    )
    conn.execute("CREATE INDEX jobs_created_at ON jobs(created_at, id)")
    conn.execute("CREATE INDEX jobs_status ON jobs(status)")
    conn.execute("CREATE INDEX jobs_parent ON jobs(parent_job_id)")


def _create_search_index(conn: sqlite3.Connection) -> None:
    """Full-text index over prompt and note; trigram tokens work for Chinese and English."""
    try:
        conn.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(prompt, note, content='jobs', "
            "content_rowid='id', tokenize='trigram')"
        )
    except sqlite3.OperationalError as exc:
        # SQLite older than 3.34 or built without FTS5: search falls back to LIKE.
        log.warning("full-text search unavailable in SQLite %s: %s", sqlite3.sqlite_version, exc)
        return
    conn.execute(
        f"""CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN
            INSERT INTO {FTS_TABLE}(rowid, prompt, note) VALUES (new.id, new.prompt, new.note);
        END"""
    )
    conn.execute(
        f"""CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, prompt, note)
                VALUES ('delete', old.id, old.prompt, old.note);
        END"""
    )
    conn.execute(
        f"""CREATE TRIGGER jobs_fts_update AFTER UPDATE OF prompt, note ON jobs BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, prompt, note)
                VALUES ('delete', old.id, old.prompt, old.note);
            INSERT INTO {FTS_TABLE}(rowid, prompt, note) VALUES (new.id, new.prompt, new.note);
        END"""
    )
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _index_filters(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX jobs_favourite ON jobs(favourite, created_at)")
    conn.execute("CREATE INDEX jobs_usage ON jobs(created_at) WHERE image_count > 0")


def _creation_sent_at(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE jobs ADD COLUMN creation_sent_at TEXT")
    conn.execute("CREATE INDEX jobs_task_id ON jobs(task_id) WHERE task_id IS NOT NULL")


def _describe_job_folders(conn: sqlite3.Connection) -> None:
    """Nothing changes in SQL: `Library` writes every job folder's `job.json` after this step."""


def _index_models(conn: sqlite3.Connection) -> None:
    """The history filter and the usage view count jobs per model (x-painting's trial, the
    successor's cost)."""
    conn.execute("CREATE INDEX IF NOT EXISTS jobs_model ON jobs(model, created_at)")


def _photo_files(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(jobs)")}
    if "base_file" not in columns:  # a rebuilt index already has it
        conn.execute("ALTER TABLE jobs ADD COLUMN base_file TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS jobs_base_file ON jobs(base_file)")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "jobs and results", _create_schema),
    Migration(2, "full-text search over prompt and note", _create_search_index),
    Migration(3, "indexes for the favourites filter and usage", _index_filters),
    Migration(4, "when a creation request went out, to settle lost answers", _creation_sent_at),
    Migration(5, "job folders describe themselves (job.json)", _describe_job_folders),
    Migration(6, "index for the model filter and usage per model", _index_models),
    Migration(7, "photos kept once, as their own bytes, under inputs/", _photo_files),
)

JOB_FILES_VERSION = 5

SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS, *, where: str = ""
) -> int:
    """Apply every migration newer than the database; return the resulting version.

    `conn` must be in autocommit mode (`isolation_level=None`). Raises `LibraryError` if the
    database was written by a newer version of the application.
    """
    current = schema_version(conn)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise LibraryError(
            f"The library {where or 'database'} has format version {current}, but this version "
            f"of the application understands up to {latest}. Update the application to open it."
        )
    for step in migrations:
        if step.version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        if schema_version(conn) >= step.version:  # another process got there first
            conn.execute("COMMIT")
            current = step.version
            continue
        try:
            step.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        log.info("library migrated to version %d (%s)", step.version, step.description)
        current = step.version
    return current


def has_fts(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).fetchone()
    return row is not None
