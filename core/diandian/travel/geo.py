"""Great-circle distance between two points on a spherical Earth (haversine)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
"""IUGG mean Earth radius; the spherical model is within about 0.5 % of the ellipsoid."""


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres along the great circle between two latitude/longitude points in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
