"""Files written whole or not at all, safe when several processes write the same one.

:func:`write_atomically` writes to a temporary file of its own in the target's folder, flushes
it to disk and renames it over the target: a reader sees the old bytes or the new, never half,
and two writers at once each rename a complete file (the last one wins) instead of one of them
renaming the other's half-written temporary file away.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Replace ``path`` with ``data``.

    ``private=True`` keeps the file owner-only (mode 0600) from its first byte, for signing
    keys; otherwise the mode is 0644 less the process umask, as ``open`` would give.
    Raises ``OSError`` when the folder cannot be written; the target is then unchanged.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o644 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
