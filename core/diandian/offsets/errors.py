"""Errors of the offsets ledger beyond :class:`~diandian.errors.ValidationFailed`."""

from __future__ import annotations

from ..errors import DiandianError


class InsufficientCredits(DiandianError):
    """Not enough free grams in a project's eligible batches; nothing was reserved."""

    def __init__(self, project_id: str, wanted: int, available: int) -> None:
        self.project_id = project_id
        self.wanted = wanted
        self.available = available
        super().__init__(f"grams: project {project_id!r} has {available} g free, {wanted} g were asked for")
