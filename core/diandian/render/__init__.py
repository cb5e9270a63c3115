"""Drawings: the certificate, its share card and the door poster, as SVG, PNG or PDF.

Layouts draw once on a :class:`~.canvas.Canvas`; QR codes come from :mod:`.qr`, Chinese-capable
fonts from :mod:`.fonts`, and what a certificate says from :mod:`.wording`. Importing this
package loads Pillow and fpdf2.
"""

from __future__ import annotations

from .drawings import door_url, render_certificate, render_poster, render_share_card
from .wording import statement

__all__ = ["door_url", "render_certificate", "render_poster", "render_share_card", "statement"]
