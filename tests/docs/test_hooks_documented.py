"""Every hook in hookspecs.py has a ``## name(args)`` section in sdk_docs/plugins/hooks.md (datasette-style)."""

from __future__ import annotations

import inspect
import re

import pytest
from diandian import hookspecs

from .docblocks import DOCS

HOOKS = sorted(
    name
    for name, function in vars(hookspecs).items()
    if name.startswith("diandian_") and inspect.isfunction(function)
)
HEADINGS = re.findall(r"^## (diandian_\w+\(.*\))\s*$", (DOCS / "plugins" / "hooks.md").read_text(), re.M)


def signature(name: str) -> str:
    return f"{name}({', '.join(inspect.signature(getattr(hookspecs, name)).parameters)})"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_with_its_arguments(hook: str) -> None:
    assert signature(hook) in HEADINGS, f"missing from sdk_docs/plugins/hooks.md: ## {signature(hook)}"


def test_every_documented_hook_exists() -> None:
    assert sorted(HEADINGS) == sorted(signature(hook) for hook in HOOKS)
