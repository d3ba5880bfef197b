"""``clearsight doctor``: versions, the data directory and the databases in use."""

from __future__ import annotations

import platform

from clearsight import __version__, config
from clearsight.cli.common import console


def doctor() -> None:
    """Print versions, the data directory and the databases in use."""
    import duckdb
    import lxml.etree
    import pyarrow

    rows = [
        ("clearsight", __version__),
        ("python", platform.python_version()),
        ("duckdb", duckdb.__version__),
        ("pyarrow", pyarrow.__version__),
        ("lxml", ".".join(map(str, lxml.etree.LXML_VERSION))),
        ("data directory", f"{config.data_dir()} (from {config.data_dir_source()})"),
        ("warehouse", f"{config.warehouse_path()} ({'exists' if config.warehouse_path().exists() else 'not created yet'})"),
        ("app database (DATABASE_URL)", redact(config.database_url())),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        console.print(f"{k:<{width}}  {v}", highlight=False, soft_wrap=True)


def redact(url: str) -> str:
    """A database URL with its password replaced by ``***``."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
