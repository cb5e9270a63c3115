"""Diandian: venue carbon footprints from plugin questionnaires, offset credits and honour certificates.

Everything a plugin or an integrator needs is importable from here; submodules are implementation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .__about__ import __version__
from .activities import Activity, ActivityKind
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
from .places import Place, region_chain
from .plugins import NAME, PluginHost, PluginInfo, get_host, hookimpl, register_scene_types
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
from .scenes import ActivityColumn, DerivedTable, FactorFile, Scene, SceneType
from .text import Text, text, tr

if TYPE_CHECKING:
    from .columnar import ColumnarFootprint


def __getattr__(name: str) -> object:
    # NumPy loads only when the columnar path is used, so embedding the SDK stays fast
    if name == "ColumnarFootprint":
        from .columnar import ColumnarFootprint

        return ColumnarFootprint
    raise AttributeError(f"module 'diandian' has no attribute {name!r}")


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
    "Text",
    "TextQuestion",
    "UnknownName",
    "ValidatedAnswers",
    "ValidationFailed",
    "YesNo",
    "__version__",
    "get_host",
    "hookimpl",
    "load_factor_csv",
    "region_chain",
    "register_scene_types",
    "round_up_grams",
    "text",
    "tr",
    "when",
]
