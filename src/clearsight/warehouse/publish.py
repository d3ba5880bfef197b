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
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
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


class LockTimeout(Exception):
    """Another writer held the warehouse's writer lock for longer than a writer was willing to wait."""

    def __init__(self, holder: dict, waited: float):
        self.holder, self.waited = holder, waited
        super().__init__(f"{describe_holder(holder)} was still running after {waited:g} s")


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

def lock_path() -> Path:
    """The writer lock's file; while held, it says what the writer is doing (see :func:`announce`)."""
    return config.data_dir() / "warehouse.lock"


def lock_holder() -> dict:
    """What the writer holding the lock said it is doing (``{"load_id": 7, "action": "load", ...}``), or {}."""
    try:
        text = lock_path().read_text(encoding="utf-8").strip()
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def describe_holder(holder: dict) -> str:
    """``load 7`` when the writer said which load it is working on, else ``another load``."""
    load_id = holder.get("load_id")
    return f"load {load_id}" if isinstance(load_id, int) else "another load"


_held = threading.local()  # the open lock file of this thread, while it holds the lock


def announce(**what) -> None:
    """Say, in the lock file, what this writer is doing (e.g. ``load_id=7``), for writers waiting for it."""
    f = getattr(_held, "file", None)
    if f is None:
        return
    f.seek(0)
    f.truncate()
    f.write(json.dumps({"pid": os.getpid(), **what}))
    f.flush()


@contextmanager
def writer_lock(blocking: bool = True, *, wait: float | None = None,
                on_wait: Callable[[dict], None] | None = None) -> Iterator[bool]:
    """Hold the warehouse's writer lock (yields False when ``blocking`` is off and another holds it).

    With ``wait`` (seconds), a writer waits at most that long, calling ``on_wait(holder)`` when it starts waiting
    and whenever the holder's account of itself changes, then raises :class:`LockTimeout`.
    """
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as f:
        if wait is None:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
        else:
            _acquire_waiting(f, wait, on_wait)
        _held.file = f
        try:
            announce()
            yield True
        finally:
            _held.file = None
            f.seek(0)
            f.truncate()
            f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)


def _acquire_waiting(f, wait: float, on_wait: Callable[[dict], None] | None) -> None:
    started = time.monotonic()
    said = None
    while True:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = lock_holder()
        if on_wait is not None and describe_holder(holder) != said:
            said = describe_holder(holder)
            on_wait(holder)
        waited = time.monotonic() - started
        if waited >= wait:
            raise LockTimeout(holder, wait)
        time.sleep(min(0.2, max(0.01, wait - waited)))


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
