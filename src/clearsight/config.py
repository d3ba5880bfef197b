"""Where Clearsight keeps its data, from environment variables with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"


def data_dir() -> Path:
    """The data directory: ``CLEARSIGHT_DATA_DIR`` or ``./clearsight-data``."""
    return Path(os.environ.get("CLEARSIGHT_DATA_DIR", "clearsight-data")).resolve()


def warehouse_path() -> Path:
    """The DuckDB warehouse file inside the data directory."""
    return data_dir() / "warehouse.duckdb"


def database_url() -> str:
    """The web app's database: ``DATABASE_URL`` or the embedded SQLite file."""
    return os.environ.get("DATABASE_URL", f"sqlite:///{data_dir() / 'app.sqlite3'}")


def max_xml_bytes() -> int:
    """Largest XML file accepted, a guard against runaway input (``CLEARSIGHT_MAX_XML_BYTES``)."""
    return int(os.environ.get("CLEARSIGHT_MAX_XML_BYTES", str(8 * 1024**3)))
