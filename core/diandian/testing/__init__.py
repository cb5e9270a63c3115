"""Testing kit for scene plugin authors: the conformance suite, hypothesis strategies, and
:func:`run_cli` to run the command line in-process.

Opt-in: install ``diandian[testing]`` (pytest, hypothesis, jsonschema), then subclass
:class:`ScenePluginConformance` in your tests and set ``plugin`` to your plugin's module. The
``pytest11`` entry point (:mod:`diandian.testing.pytest_plugin`) only makes pytest rewrite this
kit's asserts, so a failure shows its values; it collects and runs nothing by itself. The names
below import on first use, so that entry point costs a project nothing until it uses the kit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .command_line import Invocation, run_cli
    from .conformance import PluginUnderTest, ScenePluginConformance, load_plugin
    from .strategies import answers_for, check_footprint_or_refusal, loose_answers, value_for

_WHERE = {
    "Invocation": "command_line",
    "run_cli": "command_line",
    "PluginUnderTest": "conformance",
    "ScenePluginConformance": "conformance",
    "load_plugin": "conformance",
    "answers_for": "strategies",
    "check_footprint_or_refusal": "strategies",
    "loose_answers": "strategies",
    "value_for": "strategies",
}


__getattr__ = lazy_exports(__name__, _WHERE)


__all__ = [
    "Invocation",
    "PluginUnderTest",
    "ScenePluginConformance",
    "answers_for",
    "check_footprint_or_refusal",
    "load_plugin",
    "loose_answers",
    "run_cli",
    "value_for",
]
