"""Measure definitions: each module contributes a ``MEASURES`` list."""
