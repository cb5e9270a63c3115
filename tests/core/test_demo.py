"""The main job, ``diandian demo``, as ``./dev run`` runs it: the whole journey on SQLite."""

import json
import os
import subprocess
import sys
from pathlib import Path


def test_demo_runs_the_whole_journey_and_its_certificate_verifies(tmp_path: Path) -> None:
    env = {**os.environ, "DIANDIAN_HOME": str(tmp_path / "home")}
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "diandian", "demo", "--out", str(out), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    summary = json.loads(run.stdout)
    visitors = summary["visitors"]
    assert len(visitors) == 12
    assert all(v["footprint_g"] > 0 and v["price_minor"] > 0 for v in visitors)
    assert summary["audit"]["ok"]
    # every whole tonne fully covered by the visitors' slices is retired; the remainder waits
    assert summary["retired_tonnes"] == sum(v["footprint_g"] for v in visitors) // 1_000_000
    assert {v["status"] for v in visitors} == {"retired", "pending-retirement"}
    ranked = [e for e in summary["leaderboard"] if e["rank"] is not None]
    assert [e["neutralised_g"] for e in ranked] == sorted((e["neutralised_g"] for e in ranked), reverse=True)
    assert len(ranked) == len(summary["leaderboard"])  # pending visitors are ranked too
    assert (out / "diandian.db").exists()
    assert any(path.name.endswith("-zh-CN.pdf") for path in out.iterdir())
    verify = subprocess.run(
        [sys.executable, "-m", "diandian", "verify", summary["qr_text"]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.startswith("VALID")
