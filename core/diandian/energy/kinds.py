"""The energy activity kinds, each in kWh."""

from __future__ import annotations

from ..activities import ActivityKind
from ..text import text

ELECTRICITY = ActivityKind("energy.electricity", "kWh", "energy", text("Electricity", "电力"))
NATURAL_GAS = ActivityKind("energy.natural_gas", "kWh", "energy", text("Natural gas", "天然气"))
HEAT = ActivityKind("energy.heat", "kWh", "energy", text("Heat and steam", "热力"))
ACTIVITY_KINDS = (ELECTRICITY, NATURAL_GAS, HEAT)
