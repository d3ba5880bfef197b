"""Where Clearsight keeps its data, from environment variables with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"


def data_dir() -> Path:
    """The data directory: ``CLEARSIGHT_DATA_DIR`` when set, else the per-user data folder ``platformdirs`` gives
    (``~/.local/share/clearsight`` on Linux, ``$XDG_DATA_HOME/clearsight`` when that is set), so the same folder
    is used whichever directory a command is run from."""
    chosen = os.environ.get("CLEARSIGHT_DATA_DIR", "").strip()
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("clearsight", appauthor=False)).resolve()


def data_dir_source() -> str:
    """Where :func:`data_dir` came from, in words (for ``clearsight doctor``)."""
    if os.environ.get("CLEARSIGHT_DATA_DIR", "").strip():
        return "CLEARSIGHT_DATA_DIR"
    return "the per-user data folder (platformdirs); set CLEARSIGHT_DATA_DIR to choose another"


def warehouse_path() -> Path:
    """The DuckDB warehouse file inside the data directory."""
    return data_dir() / "warehouse.duckdb"


def database_url() -> str:
    """The web app's database: ``DATABASE_URL`` or the embedded SQLite file."""
    return os.environ.get("DATABASE_URL", f"sqlite:///{data_dir() / 'app.sqlite3'}")


def max_xml_bytes() -> int:
    """Largest XML file accepted, a guard against runaway input (``CLEARSIGHT_MAX_XML_BYTES``)."""
    return int(os.environ.get("CLEARSIGHT_MAX_XML_BYTES", str(8 * 1024**3)))
