"""Deliberate rule faults (filled in below)."""

from __future__ import annotations


def inject_903(rows, year, share, rng):
    return {}


def inject_cin(rec, year, share, rng, log):
    return None
