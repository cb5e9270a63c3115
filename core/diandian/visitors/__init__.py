"""Visitors as the platform knows them: participants (opaque ids with an opt-in name),
leaderboards per scene, per scene type and overall, and each person's life-footprint record.

The tables live beside the certificates' (revision ``certificates_0001``) because every score
on a board is a certificate's grams.
"""

from __future__ import annotations

from .leaderboard import Board, Entry
from .life import LifeRecord

__all__ = ["Board", "Entry", "LifeRecord"]
