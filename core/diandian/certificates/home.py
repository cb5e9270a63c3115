"""Where this machine keeps its keys and cached trust.

``$DIANDIAN_HOME`` if set, else the per-user data folder (``~/.local/share/diandian`` on Linux,
following the XDG convention that ``platformdirs`` implements).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME_ENV = "DIANDIAN_HOME"


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """The data folder, created owner-only on first use."""
    env = os.environ if environ is None else environ
    if env.get(HOME_ENV):
        path = Path(env[HOME_ENV])
    elif env.get("XDG_DATA_HOME"):
        path = Path(env["XDG_DATA_HOME"]) / "diandian"
    else:
        path = Path.home() / ".local" / "share" / "diandian"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
