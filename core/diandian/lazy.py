"""Packages whose public names load on first use, so that importing the package stays cheap.

A package lists ``name -> submodule`` and sets ``__getattr__ = lazy_exports(__name__, EXPORTS)``;
``from package import Name`` then imports only the submodule that defines ``Name``.
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
