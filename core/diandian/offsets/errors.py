"""Errors of the offsets ledger beyond :class:`~diandian.errors.ValidationFailed`."""

from __future__ import annotations

from ..errors import DiandianError, Problem, ValidationFailed


class InsufficientCredits(DiandianError):
    """Not enough free grams in a project's eligible batches; nothing was reserved."""

    def __init__(self, project_id: str, wanted: int, available: int) -> None:
        self.project_id = project_id
        self.wanted = wanted
        self.available = available
        super().__init__(f"grams: project {project_id!r} has {available} g free, {wanted} g were asked for")


class NeedsLocalLedger(ValidationFailed):
    """A use case only the local ledger offers (``use``: "the audit", "settlement", ...) was asked
    of a platform whose offset provider ``provider`` is another one; nothing was done.

    It names the setting ``offset_provider``: the provider that holds the credits (a central
    server, for ``remote``) is where that use case runs.
    """

    def __init__(self, provider: str, use: str) -> None:
        self.provider = provider
        self.use = use
        message = (
            f"{use} needs the local ledger, and offset provider {provider!r} is not it: "
            "run it where the credits are held"
        )
        super().__init__([Problem("offset_provider", "needs_local_ledger", message)], what="request")
