"""Hypothesis strategies for hostile input, shared by every bad-input test.

``long_numbers``: number literals far past any sane length (``"9" * 4300``, ``1e999``).
``deep_json``: arrays/objects nested thousands deep, as JSON text.
``duplicate_key_json``: an object that names one key twice, as JSON text, and that key.
``hostile_strings``: control characters, bidirectional overrides, zero-width marks, NUL,
terminal escapes, and strings far past every length limit.
Test modules import them as ``from hostile import ...``.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

long_numbers = st.one_of(
    st.integers(min_value=41, max_value=5000).map(lambda n: "9" * n),
    st.integers(min_value=41, max_value=2000).map(lambda n: "1." + "0" * n + "1"),
    st.integers(min_value=41, max_value=2000).map(lambda n: "-" + "1" * n),
    st.sampled_from(["1e999", "-1e999", "1e99999999", "9" * 4300]),
)

_OPEN_CLOSE = st.sampled_from([("[", "]"), ('{"rooms": ', "}"), ('[{"a": ', "}]")])
deep_json = st.builds(
    lambda depth, pair, tail: pair[0] * depth + "1" + pair[1] * depth + tail,
    st.integers(min_value=40, max_value=20_000),
    _OPEN_CLOSE,
    st.sampled_from(["", " "]),
)


@st.composite
def duplicate_key_json(draw: st.DrawFn) -> tuple[str, str]:
    """``(text, key)``: a JSON object in which ``key`` appears twice."""
    key = draw(st.sampled_from(["grams", "nights", "rooms"]) | st.text(min_size=1, max_size=8))
    first, second = draw(st.integers(0, 10**9)), draw(st.integers(0, 10**9))
    others = draw(st.dictionaries(st.text(max_size=5).filter(lambda k: k != key), st.integers(), max_size=3))
    body = ", ".join(f"{json.dumps(k)}: {v}" for k, v in others.items())
    parts = [f"{json.dumps(key)}: {first}", *([body] if body else []), f"{json.dumps(key)}: {second}"]
    return "{" + ", ".join(parts) + "}", key


_NASTY = [
    "\u202e",  # right-to-left override
    "\u202d",
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero-width space
    "\u200f",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\x7f",
    "\ufeff",
]
hostile_strings = st.one_of(
    st.builds(lambda a, n, b: a + n + b, st.text(max_size=10), st.sampled_from(_NASTY), st.text(max_size=10)),
    st.integers(min_value=200, max_value=40_000).map(lambda n: "名" * n),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=20),
)
