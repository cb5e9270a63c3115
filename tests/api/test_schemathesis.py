"""schemathesis against the live OpenAPI document of a server on loopback: no 5xx, and every
answer conforms to the document (status code, content type, body schema). Bounded in time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .harness import Deployment, Server

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    server: Server, deployment: Deployment, tmp_path: Path
) -> None:
    schemathesis = Path(sys.executable).with_name("schemathesis")
    command = [
        str(schemathesis),
        "run",
        f"{server.url}/api/v1/schema/openapi.json",
        "--checks",
        CHECKS,
        "--header",
        f"Authorization: Bearer {deployment.key}",
        "--max-examples",
        "10",
        "--max-time",
        "60",
        "--seed",
        "2021",
        "--workers",
        "2",
        "--request-timeout",
        "20",
        "--generation-database",
        "none",
        "--phases",
        "examples,coverage,fuzzing",
        "--no-color",
        "--report-dir",
        str(tmp_path),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-8000:]
