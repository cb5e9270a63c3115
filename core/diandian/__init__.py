"""Diandian: venue carbon footprints from plugin questionnaires, offset credits and honour certificates.

Everything a plugin or an integrator needs is importable from here and from the public building
blocks ``diandian.travel``, ``energy``, ``food``, ``spend`` and ``lodging``; other submodules are
implementation.
"""

from __future__ import annotations

import importlib

from .__about__ import __version__

# imported now, not on first use: the function ``text`` shares its name with the submodule, whose
# first import would otherwise leave the module where the function belongs
from .text import Text, text, tr

NAME = "diandian"

# not typing.TYPE_CHECKING: importing typing would cost `diandian --help` a tenth of its time
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .activities import Activity, ActivityKind
    from .columnar import ColumnarFootprint
    from .engine import Engine
    from .errors import (
        DiandianError,
        FactorDataError,
        PluginError,
        Problem,
        UnknownName,
        ValidationFailed,
    )
    from .factor_files import load_factor_csv
    from .factor_set import FactorSet
    from .factors import EmissionFactor, FactorSource, FactorTable, Quality
    from .footprint import BatchError, Exclusion, Footprint, LineItem, MissingFactor, round_up_grams
    from .lazy import lazy_exports
    from .places import Place, region_chain
    from .platform import Platform
    from .plugins import PluginHost, PluginInfo, get_host, hookimpl, register_scene_types
    from .questionnaire import (
        Choice,
        Condition,
        DateQuestion,
        Group,
        MultiChoice,
        Number,
        Option,
        PlaceQuestion,
        Question,
        Questionnaire,
        Section,
        TextQuestion,
        ValidatedAnswers,
        YesNo,
        when,
    )
    from .scene_types import DerivedTable, FactorFile, SceneType
    from .scenes import ActivityColumn, Scene
    from .settings import Settings

# Every public name loads on first use, so `import diandian` (and `diandian --help`) costs almost
# nothing and an embedder pays only for what it touches: public name -> submodule.
_EXPORTS = {
    **dict.fromkeys(("Activity", "ActivityKind"), "activities"),
    **dict.fromkeys(
        ("DiandianError", "FactorDataError", "PluginError", "Problem", "UnknownName", "ValidationFailed"),
        "errors",
    ),
    "load_factor_csv": "factor_files",
    "FactorSet": "factor_set",
    **dict.fromkeys(("EmissionFactor", "FactorSource", "FactorTable", "Quality"), "factors"),
    **dict.fromkeys(
        ("BatchError", "Exclusion", "Footprint", "LineItem", "MissingFactor", "round_up_grams"),
        "footprint",
    ),
    "Engine": "engine",
    "lazy_exports": "lazy",
    **dict.fromkeys(("Place", "region_chain"), "places"),
    **dict.fromkeys(("PluginHost", "PluginInfo", "get_host", "hookimpl", "register_scene_types"), "plugins"),
    **dict.fromkeys(
        (
            "Choice",
            "Condition",
            "DateQuestion",
            "Group",
            "MultiChoice",
            "Number",
            "Option",
            "PlaceQuestion",
            "Question",
            "Questionnaire",
            "Section",
            "TextQuestion",
            "ValidatedAnswers",
            "YesNo",
            "when",
        ),
        "questionnaire",
    ),
    **dict.fromkeys(("DerivedTable", "FactorFile", "SceneType"), "scene_types"),
    **dict.fromkeys(("ActivityColumn", "Scene"), "scenes"),
    "ColumnarFootprint": "columnar",
    "Platform": "platform",
    "Settings": "settings",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'diandian' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "NAME",
    "Activity",
    "ActivityColumn",
    "ActivityKind",
    "BatchError",
    "Choice",
    "ColumnarFootprint",
    "Condition",
    "DateQuestion",
    "DerivedTable",
    "DiandianError",
    "EmissionFactor",
    "Engine",
    "Exclusion",
    "FactorDataError",
    "FactorFile",
    "FactorSet",
    "FactorSource",
    "FactorTable",
    "Footprint",
    "Group",
    "LineItem",
    "MissingFactor",
    "MultiChoice",
    "Number",
    "Option",
    "Place",
    "PlaceQuestion",
    "Platform",
    "PluginError",
    "PluginHost",
    "PluginInfo",
    "Problem",
    "Quality",
    "Question",
    "Questionnaire",
    "Scene",
    "SceneType",
    "Section",
    "Settings",
    "Text",
    "TextQuestion",
    "UnknownName",
    "ValidatedAnswers",
    "ValidationFailed",
    "YesNo",
    "__version__",
    "get_host",
    "hookimpl",
    "lazy_exports",
    "load_factor_csv",
    "region_chain",
    "register_scene_types",
    "round_up_grams",
    "text",
    "tr",
    "when",
]
