"""The ``pytest11`` entry point of ``diandian``: loaded by pytest wherever diandian is installed.

It imports nothing of diandian (a project that merely has diandian installed pays nothing) and
asks pytest to rewrite the asserts of the conformance kit, so a failing check shows its values.
"""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("diandian.testing.conformance", "diandian.testing.strategies")
