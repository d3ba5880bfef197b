"""``python -m clearsight.cli``: the same as the ``clearsight`` script."""

import os

from clearsight.cli import main

if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
