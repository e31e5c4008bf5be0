"""The result store: a folder of Parquet chunks, written so that nothing is ever lost.

Layout of a sweep folder::

    manifest.json          the experiment, its hash, versions, start and end times
    points.parquet         the design matrix: one row per point
    runs/_common_metadata  the schema every chunk of runs/ has
    runs/chunk-NNNNNN.parquet    one row per run of chunk NNNNNN
    issues/chunk-NNNNNN.parquet  one row per issue of each run (``trajectories``)

Every file is written to a hidden temporary name and then renamed, which POSIX makes
atomic: a chunk file is either complete or absent. A chunk's runs file is written
last, so its presence means the chunk is done. Readers (pandas, polars, duckdb,
pyarrow) skip names starting with ``.`` or ``_``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from govsim.errors import GovsimError

__all__ = ["Store", "arrow_schema", "load", "write_atomic"]

MANIFEST = "manifest.json"
LOCK = ".lock"


def write_atomic(path: Path, write: Any) -> None:
    """Call ``write(temporary_path)``, flush it to disk, then rename it to ``path``."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # make the rename itself durable
    finally:
        os.close(directory)


def _arrow_type(series: pd.Series) -> pa.DataType:
    kind = series.dtype.kind
    if kind == "b":
        return pa.bool_()
    if kind in "iu":
        return pa.int64()
    if kind == "f":
        return pa.float64()
    return pa.string()


def arrow_schema(frame: pd.DataFrame, columns: Sequence[str]) -> pa.Schema:
    """The Parquet schema of ``columns``, typed from ``frame``.

    Types are bool, int64, float64 or string (anything else, and all-missing columns,
    are strings).
    """
    return pa.schema([(name, _arrow_type(frame[name])) for name in columns])


def _table(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """``frame`` with exactly the schema's columns (missing ones empty), sorted by run."""
    frame = frame.reindex(columns=schema.names)
    keys = [k for k in ("run_id", "issue") if k in schema.names]
    frame = frame.sort_values(keys, kind="stable", ignore_index=True)
    return pa.Table.from_pandas(
        frame, schema=schema, preserve_index=False
    ).replace_schema_metadata()


class Store:
    """A sweep folder.

    Parameters
    ----------
    root
        The folder.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.manifest_path = self.root / MANIFEST
        self.points_path = self.root / "points.parquet"
        self._schemas: dict[str, pa.Schema] | None = None

    def chunk_path(self, table: str, chunk: int) -> Path:
        """The Parquet file of chunk ``chunk`` of table ``table``."""
        return self.root / table / f"chunk-{chunk:06d}.parquet"

    def schema_path(self, table: str) -> Path:
        """The file holding table ``table``'s Parquet schema."""
        return self.root / table / "_common_metadata"

    def exists(self) -> bool:
        """Whether the folder holds a sweep (its manifest)."""
        return self.manifest_path.is_file()

    def has_files(self) -> bool:
        """Whether the folder holds anything but its lock and a manifest's temporary file.

        A sweep killed while starting leaves that temporary file behind.
        """
        if not self.root.is_dir():
            return False
        mine = f".{MANIFEST}.tmp-"
        return any(
            path.name != LOCK and not path.name.startswith(mine) for path in self.root.iterdir()
        )

    def clear(self) -> None:
        """Delete everything in the folder but its lock, so a sweep can start over."""
        for path in self.root.iterdir():
            if path.name == LOCK:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder for one sweep at a time (POSIX advisory lock; elsewhere none)."""
        try:
            import fcntl
        except ImportError:  # Windows
            yield
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = (self.root / LOCK).open("a")
        except OSError as error:
            raise GovsimError(f"cannot create {self.root}: {error.strerror}") from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise GovsimError(f"another sweep is writing to {self.root}") from None
            yield

    def manifest(self) -> dict[str, Any]:
        """The manifest; a folder without one is not a sweep."""
        try:
            return json.loads(self.manifest_path.read_text())
        except FileNotFoundError:
            raise GovsimError(
                f"{self.root}: not a sweep folder (no {MANIFEST}); run `govsim sweep` first"
            ) from None
        except (OSError, ValueError) as error:
            raise GovsimError(f"{self.manifest_path}: unreadable manifest: {error}") from None

    def write_manifest(self, content: dict[str, Any]) -> None:
        """Write ``content`` as the manifest, atomically, creating the folder."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GovsimError(f"cannot create {self.root}: {error.strerror}") from None
        text = json.dumps(content, indent=2, default=str) + "\n"
        write_atomic(self.manifest_path, lambda path: path.write_text(text))

    def prepare(self, points: pd.DataFrame, schemas: dict[str, pa.Schema]) -> None:
        """Write the folders, the design matrix and the table schemas, where missing.

        They follow from the experiment alone, so a sweep killed while writing them
        gets them again on resume.
        """
        try:
            for table in schemas:
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GovsimError(f"cannot create {self.root}: {error.strerror}") from None
        if not self.points_path.exists():
            write_atomic(self.points_path, lambda path: points.to_parquet(path, index=False))
        self._schemas = None
        for table, schema in schemas.items():
            if not self.schema_path(table).exists():
                write_atomic(self.schema_path(table), lambda p, s=schema: pq.write_metadata(s, p))

    def schemas(self) -> dict[str, pa.Schema]:
        """The schema of each table of this sweep (read once: every chunk checks it)."""
        if self._schemas is None:
            self._schemas = {
                path.parent.name: pq.read_schema(path)
                for path in sorted(self.root.glob("*/_common_metadata"))
            }
        return self._schemas

    def points(self) -> pd.DataFrame:
        """The design matrix the sweep stored."""
        return pd.read_parquet(self.points_path)

    def clean(self) -> None:
        """Remove temporary files a killed writer left behind."""
        for path in self.root.glob("*/.*.tmp-*"):
            path.unlink(missing_ok=True)
        for path in self.root.glob(".*.tmp-*"):
            path.unlink(missing_ok=True)

    def read_chunk(self, chunk: int, expected: np.ndarray, steps: int | None) -> pd.DataFrame:
        """``run_id`` and ``status`` of a complete chunk, or an empty frame.

        The frame is empty if the chunk is missing, unreadable, has another schema or
        other runs, or (with trajectories, ``steps`` given) lacks its issue rows. Such a
        chunk's files are deleted, so it is redone.
        """
        schemas = self.schemas()
        path = self.chunk_path("runs", chunk)
        if not path.exists():
            return pd.DataFrame()
        try:
            if pq.read_schema(path) != schemas["runs"]:
                raise ValueError("schema")
            frame = pq.read_table(path, columns=["run_id", "status"]).to_pandas()
            if not np.array_equal(frame["run_id"].to_numpy(), expected):
                raise ValueError("runs")
            if steps is not None:
                issues = self.chunk_path("issues", chunk)
                if pq.read_schema(issues) != schemas["issues"]:
                    raise ValueError("schema")
                ok = int((frame["status"] == "ok").sum())
                if pq.read_metadata(issues).num_rows != steps * ok:
                    raise ValueError("issues")
        except OSError as error:
            if error.errno is not None and not isinstance(error, FileNotFoundError):
                # The system failed (permissions, too many open files), not the file.
                raise GovsimError(f"cannot read {path}: {error.strerror}") from None
            self.drop(chunk)  # missing, or unreadable data
            return pd.DataFrame()
        except (ValueError, pa.ArrowException):  # truncated, corrupt or foreign
            self.drop(chunk)
            return pd.DataFrame()
        return frame

    def drop(self, chunk: int) -> None:
        """Delete chunk ``chunk``'s files, so it is redone."""
        for table in ("runs", "issues"):
            self.chunk_path(table, chunk).unlink(missing_ok=True)

    def write(
        self, chunk: int, runs: pd.DataFrame, issues: pd.DataFrame | None, *, merge: bool = False
    ) -> None:
        """Write a chunk: issues first, runs last (the runs file marks it complete).

        With ``merge``, the rows replace those with the same run ids in the chunk's
        existing files (``--retry-failed``) and the other rows are kept.
        """
        schemas = self.schemas()
        tables = {"issues": issues, "runs": runs} if issues is not None else {"runs": runs}
        for table, frame in tables.items():
            path = self.chunk_path(table, chunk)
            if merge and path.exists():
                old = pq.read_table(path).to_pandas()
                old = old[~old["run_id"].isin(runs["run_id"])]
                frame = pd.concat([old, frame], ignore_index=True) if len(old) else frame
            data = _table(frame, schemas[table])
            write_atomic(path, lambda p, d=data: pq.write_table(d, p))

    def count_status(self) -> tuple[int, int]:
        """Runs stored as ok and as failed, reading one chunk's status at a time."""
        ok = failed = 0
        for path in sorted((self.root / "runs").glob("chunk-*.parquet")):
            status = pq.read_table(path, columns=["status"]).column("status")
            matches = pc.equal(status, pa.scalar("ok"))
            done = pc.sum(matches).as_py() or 0  # type: ignore[type-var]  # stubs: bools sum too
            ok, failed = ok + done, failed + len(status) - done
        return ok, failed


def load(
    path: Path | str, table: str = "runs", columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A sweep's results as a pandas DataFrame, sorted by run.

    Parameters
    ----------
    path
        The sweep folder (what ``govsim sweep --out`` wrote).
    table
        ``"runs"`` (one row per run) or ``"issues"`` (one row per issue of each run,
        for sweeps with ``trajectories = true``); ``"points"`` is the design matrix.
    columns
        Read only these columns.

    Returns
    -------
    pandas.DataFrame
        With the manifest in ``frame.attrs["manifest"]`` and the factor columns (the
        design matrix's) in ``frame.attrs["factors"]``, which
        :func:`govsim.sweeps.summary_table` splits by. The files read as they are
        in polars (``pl.read_parquet("DIR/runs/*.parquet")``) or duckdb.
    """
    store = Store(path)
    manifest = store.manifest()
    if table == "points":
        frame = store.points()
    else:
        if table not in store.schemas():
            tables = ", ".join([*store.schemas(), "points"])
            raise GovsimError(f"{path}: no table {table!r} in this sweep; it has {tables}")
        files = sorted((store.root / table).glob("chunk-*.parquet"))
        schema = store.schemas()[table]
        if files:
            data = pq.read_table(files, columns=None if columns is None else list(columns))
        else:  # a sweep that has not finished a chunk yet
            data = schema.empty_table()
            data = data.select(columns) if columns else data
        frame = data.to_pandas()
        keys = [k for k in ("run_id", "issue") if k in frame.columns]
        frame = frame.sort_values(keys, kind="stable", ignore_index=True) if keys else frame
    frame.attrs["manifest"] = manifest
    frame.attrs["factors"] = [c for c in pq.read_schema(store.points_path).names if c in frame]
    return frame
