"""Distances on the kaart: the great-circle distance from a place, in SQL and in Python.

The database answers a distance with the haversine formula in SQL (Django's ``Sin``, ``Cos``,
``ASin``…; its SQLite backend registers those functions, PostgreSQL has them), after a bounding
box on ``lat``/``lon`` that any index can use. The engine answers with a ``geo_point``
(:mod:`.engine`); both measure on a sphere of :data:`AARDSTRAAL_KM`, so both agree.

Services available everywhere (``landelijk``) are not far away: they have no distance, sort
before the local ones (as if they were where you are) and every distance filter keeps them.
"""

from __future__ import annotations

import math

from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

AARDSTRAAL_KM = 6371.0088  # the mean earth radius (IUGG), the engine's too
KM_PER_GRAAD = math.pi * AARDSTRAAL_KM / 180


def afstand_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * AARDSTRAAL_KM * math.asin(min(1.0, math.sqrt(a)))


def afgerond(km: float | None) -> float | None:
    """A distance as the API and the cards give it: one decimal."""
    return None if km is None else round(km, 1)


def afstand_sql(lat: float, lon: float):
    """The distance in km from (lat, lon) to a service's ``lat``/``lon``, as an SQL expression."""
    phi = Value(math.radians(lat), output_field=FloatField())
    half_dphi = (Radians(F("lat")) - phi) / 2
    half_dlam = (Radians(F("lon")) - Value(math.radians(lon), output_field=FloatField())) / 2
    a = Power(Sin(half_dphi), 2) + Cos(phi) * Cos(Radians(F("lat"))) * Power(Sin(half_dlam), 2)
    return Value(2 * AARDSTRAAL_KM, output_field=FloatField()) * ASin(Sqrt(a))


def kader_q(lat: float, lon: float, km: float) -> Q:
    """The services in a box around (lat, lon) that holds every point within ``km``."""
    marge = 1.01  # rounding: the box may hold a little more, the distance decides
    dlat = km / KM_PER_GRAAD * marge
    dlon = km / (KM_PER_GRAAD * max(0.01, math.cos(math.radians(lat)))) * marge
    return Q(lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon)
