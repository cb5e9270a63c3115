"""Run the ``diandian`` command line in-process, as a test would: what it printed and its exit status."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping, Sequence

import attrs


@attrs.frozen
class Invocation:
    """One run of ``diandian``: ``exit_code`` (0 done, 1 a negative answer, 2 bad input, 3 status
    unknown), ``stdout``, ``stderr``, and ``output``, both interleaved as a terminal shows them."""

    exit_code: int
    stdout: str
    stderr: str
    output: str


class _Stream(io.StringIO):
    """A captured stream that also copies what it gets into the interleaved ``both``."""

    def __init__(self, both: io.StringIO) -> None:
        super().__init__()
        self.both = both

    def write(self, text: str) -> int:
        self.both.write(text)
        return super().write(text)


def run_cli(
    args: Sequence[str], *, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> Invocation:
    """Run ``diandian ARGS`` in this process with ``input`` on stdin and ``env`` over the
    environment (``None`` removes a variable), restoring streams and environment afterwards.

    Exceptions other than ``SystemExit`` propagate, so a failing test shows the traceback.
    """
    from ..cli import main

    both = io.StringIO()
    out, err = _Stream(both), _Stream(both)
    saved_env = {name: os.environ.get(name) for name in env or {}}
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    # stdin as a terminal's: text with its bytes beneath (`footprint hotel -` reads .buffer)
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    sys.stdin, sys.stdout, sys.stderr = stdin, out, err
    _set_environment(env or {})
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if isinstance(stop.code, str):
            err.write(stop.code + "\n")
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        _set_environment(saved_env)
    return Invocation(exit_code=code, stdout=out.getvalue(), stderr=err.getvalue(), output=both.getvalue())


def _set_environment(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
