"""Finding a font that has Chinese characters, so nothing renders as empty boxes.

``$DIANDIAN_FONT`` (a TrueType/OpenType file or collection) wins; then fontconfig's best match
for Chinese; then well-known locations on Debian, macOS and Windows. On Debian the package
``fonts-wqy-microhei`` is enough.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from ..certificates.errors import CertificateError

FONT_ENV = "DIANDIAN_FONT"
SVG_FAMILIES = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
KNOWN = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)


def _fontconfig() -> str | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    # fontconfig answers with its best fallback even when nothing covers Chinese
    return (
        found
        if found and any(mark in found.lower() for mark in ("cjk", "wqy", "han", "hei", "song"))
        else None
    )


@functools.cache
def cjk_font() -> Path:
    """A font file covering Simplified Chinese and Latin text."""
    candidates = [os.environ.get(FONT_ENV), _fontconfig(), *KNOWN]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise CertificateError(
        "no_font",
        f"no font with Chinese characters found: install fonts-wqy-microhei (Debian) or set ${FONT_ENV}",
    )
