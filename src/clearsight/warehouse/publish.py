"""Publishing a load while others read: the writer lock, the staging copy, the atomic publish and the
versioned snapshots.

DuckDB allows one writer, and readers (the web pages) open the warehouse read-only, so a load never
writes to the file that is being read. A writer takes the lock (``<data dir>/warehouse.lock``), copies
the warehouse to a staging file, loads into the copy, and publishes it by renaming it over the
warehouse: the new load becomes visible in one step, and a failure leaves the warehouse as it was.

The *version* of the warehouse is its file's identity (inode, modification time, size), so it changes
with every publish. Readers open a version through a path of its own, a hard link in
``<data dir>/web-cache/<version>/``, made on first use; the folders of older versions are removed when
a newer one is published (files still open stay readable until closed).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from clearsight import config
from clearsight.warehouse.load import connect


class NoWarehouse(Exception):
    """Nothing is loaded yet."""


class WarehouseBusy(Exception):
    """Another program (``clearsight load``) is writing to the warehouse."""


class StaleVersion(Exception):
    """A newer version was published while a snapshot of an older one was being made."""


# ----------------------------------------------------------------------------- versions and snapshots

def version_of(path: Path) -> str:
    """The identity of one warehouse file: it changes whenever another file is published in its place."""
    st = os.stat(path)
    return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"


def version() -> str | None:
    """The identity of the current warehouse file (changes whenever a load is published), or None."""
    try:
        return version_of(config.warehouse_path())
    except FileNotFoundError:
        return None


def versions_dir() -> Path:
    """Where each version's snapshot (and what readers cache beside it) lives, one folder per version."""
    return config.data_dir() / "web-cache"


def version_dir(ver: str) -> Path:
    """The folder of one version: its snapshot, and room for readers' caches of figures from it."""
    return versions_dir() / ver


def snapshot(ver: str) -> Path:
    """A path that always opens this version of the warehouse: a hard link to its file, made on first use.

    DuckDB keeps one open database per path in a process, so a reader opening ``warehouse.duckdb`` just after
    a load is published could be handed the previous file; a path per version cannot mix them up.
    Raises :class:`StaleVersion` when the warehouse is no longer at ``ver``.
    """
    path = version_dir(ver) / "warehouse.duckdb"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".link-{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    try:
        os.link(config.warehouse_path(), tmp)
    except FileNotFoundError:
        raise NoWarehouse("nothing is loaded yet") from None
    if version_of(tmp) != ver:  # a newer load was published in between
        tmp.unlink()
        raise StaleVersion(ver)
    os.replace(tmp, path)
    return path


def current() -> tuple[str, Path]:
    """The current version and a path to exactly that version of the warehouse."""
    for _ in range(5):
        ver = version()
        if ver is None:
            raise NoWarehouse("nothing is loaded yet")
        try:
            return ver, snapshot(ver)
        except StaleVersion:
            continue
    raise WarehouseBusy("loads are being published one after another; try again in a moment")


@contextmanager
def reading(db_path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to ``db_path`` (default: the current version of the warehouse), closed afterwards."""
    if db_path is None:
        _ver, db_path = current()
    try:
        con = connect(db_path, read_only=True)
    except FileNotFoundError as exc:
        raise NoWarehouse(str(exc)) from None
    except duckdb.IOException as exc:
        raise WarehouseBusy("another program is writing to the warehouse (for example `clearsight load`); "
                            "try again when it has finished") from exc
    try:
        yield con
    finally:
        con.close()


def prune(keep: str) -> None:
    """Remove the folders (snapshots and caches) of every version but ``keep`` (open files stay readable)."""
    root = versions_dir()
    if root.exists():
        for d in root.iterdir():
            if d.is_dir() and d.name != keep:
                shutil.rmtree(d, ignore_errors=True)


# ----------------------------------------------------------------------------- writing

@contextmanager
def writer_lock(blocking: bool = True) -> Iterator[bool]:
    """Hold the warehouse's writer lock (yields False when ``blocking`` is off and another holds it)."""
    path = config.data_dir() / "warehouse.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def staging_path(warehouse: Path) -> Path:
    """The staging file beside a warehouse file."""
    return warehouse.with_name(".staging-" + warehouse.name)


def staging_copy(warehouse: Path, staging: Path) -> None:
    """Copy the warehouse to ``staging`` (nothing when there is no warehouse yet), replacing any earlier copy."""
    for p in (staging, staging.with_name(staging.name + ".wal")):
        p.unlink(missing_ok=True)
    if not warehouse.exists():
        return
    if warehouse.with_name(warehouse.name + ".wal").exists():
        con = duckdb.connect(str(warehouse))  # fold a writer's leftover log into the file before copying
        con.execute("CHECKPOINT")
        con.close()
    # Holding a read-only connection keeps any other writer (e.g. `clearsight load`) out while copying.
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        shutil.copyfile(warehouse, staging)
    finally:
        con.close()


@contextmanager
def staged(warehouse: Path | None = None) -> Iterator[Path]:
    """A staging copy of the warehouse to load into (hold :func:`writer_lock`); removed afterwards unless
    :func:`publish` made it the warehouse."""
    warehouse = warehouse or config.warehouse_path()
    staging = staging_path(warehouse)
    staging_copy(warehouse, staging)
    try:
        yield staging
    finally:
        staging.unlink(missing_ok=True)


def publish(staging: Path, warehouse: Path | None = None) -> str:
    """Make ``staging`` the warehouse in one step (one rename) and remove older versions' folders; returns the
    version published, which is ``version_of(staging)`` before the rename."""
    ver = version_of(staging)
    os.replace(staging, warehouse or config.warehouse_path())
    prune(keep=ver)
    return ver
