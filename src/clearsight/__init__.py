"""Clearsight: a clear sight of how well a council's children's services help children."""

__version__ = "0.1.0"
