"""Load projects and credit batches from a JSON catalogue file (the demo one ships with the SDK).

The file holds ``programs`` and ``projects``; each project lists its ``batches`` with a serial
string, vintage dates, where the credits came from and an ``evidence`` text whose SHA-256 is
kept with the batch. Loading the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import cattrs

from ..errors import Problem, ValidationFailed
from ..json_input import loads
from .ledger import Ledger
from .model import Program, Project, converter


@attrs.frozen
class BatchEntry:
    batch_id: str
    serial: str
    vintage_start: date
    vintage_end: date
    acquired_from: str
    evidence: str


@attrs.frozen
class ProjectEntry:
    project: Project
    batches: tuple[BatchEntry, ...]


@attrs.frozen
class Catalogue:
    notice: str
    demo: bool
    programs: tuple[Program, ...]
    projects: tuple[ProjectEntry, ...]


def demo_catalogue_text() -> str:
    return resources.files(__package__).joinpath("demo_catalogue.json").read_text("utf-8")


def parse_catalogue(text: str, *, source: str = "catalogue") -> Catalogue:
    """Parse and check a catalogue; every problem names its path in the file."""
    parsed = loads(text, what=source)
    if not isinstance(parsed, dict):
        raise ValidationFailed.single("", "type", "a catalogue is a JSON object", what=source)
    data: dict[str, Any] = parsed
    try:
        projects = []
        for index, entry in enumerate(data.get("projects", [])):
            fields = {k: v for k, v in entry.items() if k != "batches"}
            fields.setdefault("demo", bool(data.get("demo", False)))
            try:
                project = converter.structure(fields, Project)
                batches = converter.structure(entry.get("batches", []), tuple[BatchEntry, ...])
            except cattrs.BaseValidationError as exc:
                raise _problems(exc, f"projects.{index}") from None
            projects.append(ProjectEntry(project, batches))
        programs = converter.structure(data.get("programs", []), tuple[Program, ...])
    except cattrs.BaseValidationError as exc:
        raise _problems(exc, "programs") from None
    return Catalogue(str(data.get("notice", "")), bool(data.get("demo", False)), programs, tuple(projects))


def _problems(exc: cattrs.BaseValidationError, prefix: str) -> ValidationFailed:
    # cattrs says "reason @ path": the path is the problem's field, the reason its message
    problems = []
    for text in cattrs.transform_error(exc, path=prefix):
        reason, _, path = text.rpartition(" @ ") if " @ " in text else (text, "", prefix)
        problems.append(Problem(path.replace("$", prefix), "invalid", reason))
    return ValidationFailed(problems, what="catalogue")


def load_catalogue(ledger: Ledger, catalogue: Catalogue) -> Catalogue:
    """Register the catalogue's programmes, projects and batches (those not registered yet)."""
    for program in catalogue.programs:
        ledger.add_program(program)
    known = {batch.batch_id for batch in ledger.batches()}
    for entry in catalogue.projects:
        ledger.add_project(entry.project)
        for batch in entry.batches:
            if batch.batch_id in known:
                continue
            ledger.add_batch(
                project_id=entry.project.project_id,
                serial=batch.serial,
                vintage_start=batch.vintage_start,
                vintage_end=batch.vintage_end,
                acquired_from=batch.acquired_from,
                evidence_sha256=hashlib.sha256(batch.evidence.encode("utf-8")).hexdigest(),
                batch_id=batch.batch_id,
            )
    return catalogue


def load_file(ledger: Ledger, path: Path | None = None) -> Catalogue:
    """Load a catalogue file, or the demo catalogue when ``path`` is ``None``."""
    text = demo_catalogue_text() if path is None else path.read_text("utf-8")
    return load_catalogue(ledger, parse_catalogue(text, source=str(path or "demo catalogue")))
