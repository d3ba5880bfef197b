"""Work that does not depend on the input, done once and kept between runs: the user's cache folder.

What is cached here is always derived from files that ship with Clearsight or its dependencies (the
903's YAML column specs, the postcode package's lookup), so it can be thrown away at any time. Each
entry's name carries a key made from what it is derived from (a hash of the source files' bytes, or a
package's version), so a changed source gives a new name and the old entry is simply never read again.

Public API::

    cache_dir() -> Path                    ``CLEARSIGHT_CACHE_DIR``, else the per-user cache folder that
                                           ``platformdirs`` gives (``~/.cache/clearsight`` on Linux)
    files_key(paths, salt="") -> str       a short hash of the files' names and bytes (and ``salt``)
    write_atomic(path, write) -> bool      ``write(tmp_path)`` then one rename: a reader never sees half a
                                           file; False (nothing left behind) when the folder cannot be written
    cached_json(name, compute) -> object   ``compute()``'s JSON value, read from ``<cache_dir>/<name>`` when
                                           it is there and whole, else computed and (if the folder can be
                                           written) stored; a value JSON would not give back as it is (a
                                           date, a tuple, a key that is not text) is returned but not stored
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def cache_dir() -> Path:
    """Where cached work is kept: ``CLEARSIGHT_CACHE_DIR`` or the per-user cache folder."""
    given = os.environ.get("CLEARSIGHT_CACHE_DIR")
    if given:
        return Path(given)
    import platformdirs

    return platformdirs.user_cache_path("clearsight")


def files_key(paths: Iterable[Path], salt: str = "") -> str:
    """A hash of each file's name and bytes, in the order given, and ``salt`` (16 hex digits)."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def write_atomic(path: Path, write: Callable[[Path], None]) -> bool:
    """Write ``path`` through ``write(tmp)`` and one rename; False if the folder cannot be written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, path)  # atomic: a reader sees the old file, or none, or the whole new one
        return True
    except BaseException as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(exc, OSError):
            return False
        raise


def cached_json(name: str, compute: Callable[[], object]) -> object:
    """``compute()``'s value, kept as JSON in the cache folder under ``name`` (which must carry its key)."""
    path = cache_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # not there yet, unreadable or cut short: compute it again
    value = compute()
    try:
        text = json.dumps(value, separators=(",", ":"))
    except (TypeError, ValueError):
        return value
    if json.loads(text) == value:  # only what comes back exactly as it went in is kept
        write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return value
