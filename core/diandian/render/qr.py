"""QR codes as a matrix of dark modules, via ``qrcode``; every renderer draws from the matrix.

Certificates use error correction Q (25 %, as HC1 does) so a creased or partly covered print
still scans; the door code is a URL any phone camera opens.
"""

from __future__ import annotations

import qrcode
import qrcode.constants

from ..certificates.errors import CertificateError

Matrix = list[list[bool]]
QUIET = 4
FOR_CERTIFICATE = qrcode.constants.ERROR_CORRECT_Q
FOR_URL = qrcode.constants.ERROR_CORRECT_M  # a short URL: a larger, easier scan from the door


def matrix(text: str, error: int = FOR_CERTIFICATE) -> Matrix:
    """The modules of the smallest QR code holding ``text``, with its quiet zone."""
    code = qrcode.QRCode(error_correction=error, border=QUIET)
    code.add_data(text)
    try:
        code.make(fit=True)
    except (ValueError, qrcode.exceptions.DataOverflowError):
        raise CertificateError("too_long", f"{len(text)} characters do not fit in one QR code") from None
    modules: Matrix = code.get_matrix()
    return modules
