"""Loading on first use: packages whose public names import when touched, and import references.

A package lists ``name -> submodule`` and sets ``__getattr__ = lazy_exports(__name__, EXPORTS)``;
``from package import Name`` then imports only the submodule that defines ``Name``.

An import reference ``"package.module:attribute"`` (the entry-point convention) names an object
without importing it; :func:`resolve_reference` imports it when it is first needed. Scene types
name their questionnaire and capture this way, so that listing plugins imports neither.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``exports[name]`` is the submodule defining
    ``name``; the value is kept in the package once loaded. Unknown names raise AttributeError."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__


def is_reference(value: object) -> bool:
    """Whether ``value`` looks like an import reference ``"package.module:attribute"``."""
    if not isinstance(value, str):
        return False
    module, colon, attribute = value.partition(":")
    return bool(colon and module and attribute)


def resolve_reference(reference: str) -> Any:
    """The object an import reference ``"package.module:attribute"`` names (the entry-point
    convention; ``attribute`` may be dotted), importing its module.

    Raises ValueError for a string of another shape, and whatever the import or the attribute
    lookup raises (ImportError, AttributeError, or an error of the module itself).
    """
    if not is_reference(reference):
        raise ValueError(f"{reference!r} is not an import reference 'package.module:attribute'")
    module, _, attribute = reference.partition(":")
    value: Any = importlib.import_module(module)
    for part in attribute.split("."):
        value = getattr(value, part)
    return value
