"""Distances around a town: a bounding box SQLite can use, then the true great-circle distance."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_KM = 6371.0
_KM_PER_DEGREE = 111.195  # along a meridian, on the same sphere as `haversine_km`


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def box_around(latitude: float, longitude: float, km: float) -> Box:
    """A box that holds every point within `km` (and some corners that `haversine_km` drops)."""
    dlat = km / _KM_PER_DEGREE
    # Near the poles a degree of longitude shrinks to nothing: take the whole circle.
    cos = math.cos(math.radians(latitude))
    dlon = 180.0 if cos < 1e-6 else min(180.0, km / (_KM_PER_DEGREE * cos))
    return Box(latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
