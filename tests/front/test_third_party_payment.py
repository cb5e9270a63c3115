"""A payment provider from another distribution, installed with real pip and found through its
``diandian`` entry point, completes ``diandian ledger buy --payment acme``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).with_name("acme_pay")


def _diandian(site: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "DIANDIAN_HOME": str(home)}
    env.pop("DIANDIAN_LOAD_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-m", "diandian.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_a_third_party_payment_provider_completes_a_purchase(
    pip_installed: Callable[[Path], Path], tmp_path: Path
) -> None:
    site = pip_installed(PROJECT)
    assert next(site.glob("diandian_acme_pay-1.0.dist-info/entry_points.txt")).read_text().count("acme_pay")
    url = ("--database-url", f"sqlite:///{tmp_path / 'acme.db'}")
    assert _diandian(site, tmp_path, "ledger", "demo", *url).returncode == 0
    bought = _diandian(site, tmp_path, "ledger", "buy", "2kg", "--payment", "acme", "--json", *url)
    assert bought.returncode == 0, bought.stderr
    order = json.loads(bought.stdout)["order"]
    assert order["status"] == "allocated" and order["payment_provider"] == "acme"
    assert order["payment_intent_id"] == "acme_1"
    issued = _diandian(site, tmp_path, "certificate", "issue", "--order", order["order_id"], "--json", *url)
    assert issued.returncode == 0 and json.loads(issued.stdout)["neutralised_g"] == 2000
    unknown = _diandian(site, tmp_path, "ledger", "buy", "2kg", "--payment", "nope", *url)
    assert unknown.returncode == 2 and "unknown payment provider 'nope'" in unknown.stderr
    assert "acme" in unknown.stderr and "sandbox" in unknown.stderr
