"""Diandian: venue carbon footprints from plugin questionnaires, offset credits and honour certificates.

Everything a plugin or an integrator needs is importable from here; submodules are implementation.
"""

from __future__ import annotations

import pluggy

from .__about__ import __version__
from .activities import Activity, ActivityKind
from .errors import (
    DiandianError,
    FactorDataError,
    PluginError,
    Problem,
    UnknownName,
    ValidationFailed,
)
from .factor_files import load_factor_csv
from .factorbook import FactorBook
from .factors import EmissionFactor, FactorSource, FactorTable, Quality
from .footprint import BatchError, Engine, Exclusion, Footprint, LineItem, MissingFactor
from .places import Place, region_chain
from .plugins import PluginHost, get_host
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
from .scenes import ActivityColumn, Scene, SceneType
from .text import Text, text, tr

NAME = "diandian"
hookimpl = pluggy.HookimplMarker(NAME)
"""Marker for plugin hook implementations: ``@diandian.hookimpl``."""

__all__ = [
    "NAME",
    "Activity",
    "ActivityColumn",
    "ActivityKind",
    "BatchError",
    "Choice",
    "Condition",
    "DateQuestion",
    "DiandianError",
    "EmissionFactor",
    "Engine",
    "Exclusion",
    "FactorBook",
    "FactorDataError",
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
    "text",
    "tr",
    "when",
]
