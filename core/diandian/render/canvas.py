"""One drawing surface, three outputs: SVG, PNG (Pillow) and PDF (fpdf2).

Layouts draw once on a :class:`Canvas` in CSS pixels (96 per inch); each backend turns the same
calls into its format, so the certificate looks the same in all three. Text is measured with the
Chinese-capable font from :mod:`.fonts`, and wrapped by word in English and by character in
Chinese.
"""

from __future__ import annotations

import io
import unicodedata
from abc import ABC, abstractmethod
from xml.sax.saxutils import escape

import attrs
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from ..certificates.errors import CertificateError
from .fonts import SVG_FAMILIES, cjk_font
from .qr import Matrix

PT_PER_PX = 0.75


def _font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font()), max(1, round(size)))


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


CLOSING = "，。、；：！？）」』”’"


def _tokens(text: str) -> list[str]:
    """Words and spaces, with each Chinese character a token of its own (it may break anywhere),
    except that closing punctuation stays with the character before it."""
    tokens: list[str] = []
    for char in text:
        if char in CLOSING and tokens:
            tokens[-1] += char
        elif _wide(char) or char == " " or not tokens or _wide(tokens[-1][-1]) or tokens[-1] == " ":
            tokens.append(char)
        else:
            tokens[-1] += char
    return tokens


@attrs.frozen
class Paint:
    """How :meth:`Canvas.rect` paints: ``fill`` and ``stroke`` colours (``#rrggbb``; ``None``
    for none) and the stroke's width ``line`` in CSS pixels."""

    fill: str | None
    stroke: str | None
    line: float


class Canvas(ABC):
    """A page of ``width`` x ``height`` CSS pixels."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height

    def measure(self, text: str, size: float) -> float:
        return float(_font(size).getlength(text))

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        lines: list[str] = []
        line = ""
        for token in _tokens(text):
            if line and self.measure(line + token, size) > width:
                lines.append(line.rstrip())
                line = "" if token == " " else token
            else:
                line += token
        return [*lines, line.rstrip()] if line.strip() else lines

    def paragraph(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        size: float,
        color: str = "#222222",
        anchor: str = "start",
        leading: float = 1.45,
    ) -> float:
        """Draw wrapped ``text`` with its first baseline at ``y``; return the y below it."""
        for line in self.wrap(text, size, width):
            self.text(x, y, line, size, color, anchor)
            y += size * leading
        return y

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None = None,
        stroke: str | None = None,
        line: float = 1.0,
    ) -> None:
        """Fill (``fill``) and/or outline (``stroke``, ``line`` pixels wide) the rectangle whose
        top-left corner is at (``x``, ``y``), ``w`` x ``h`` pixels; colours are ``#rrggbb``."""
        self._rect(x, y, w, h, Paint(fill, stroke, line))

    @abstractmethod
    def _rect(self, x: float, y: float, w: float, h: float, paint: Paint) -> None: ...

    @abstractmethod
    def text(
        self, x: float, y: float, text: str, size: float, color: str = "#222222", anchor: str = "start"
    ) -> None:
        """Draw one line with its baseline at ``y``; ``anchor`` is start, middle or end."""

    @abstractmethod
    def qr(self, x: float, y: float, size: float, modules: Matrix) -> None: ...

    @abstractmethod
    def result(self) -> bytes: ...


class SvgCanvas(Canvas):
    def __init__(self, width: int, height: int) -> None:
        super().__init__(width, height)
        self._parts: list[str] = []

    def _rect(self, x: float, y: float, w: float, h: float, paint: Paint) -> None:
        fill, stroke = paint.fill or "none", paint.stroke
        look = f'fill="{fill}"' + (f' stroke="{stroke}" stroke-width="{paint.line}"' if stroke else "")
        self._parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" {look}/>')

    def text(
        self, x: float, y: float, text: str, size: float, color: str = "#222222", anchor: str = "start"
    ) -> None:
        self._parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{color}" text-anchor="{anchor}">'
            f"{escape(text)}</text>"
        )

    def qr(self, x: float, y: float, size: float, modules: Matrix) -> None:
        cell = size / len(modules)
        # one path for all dark modules keeps the file small and the code crisp at any zoom
        path = "".join(
            f"M{c},{r}h1v1h-1z" for r, row in enumerate(modules) for c, dark in enumerate(row) if dark
        )
        self.rect(x, y, size, size, fill="#ffffff")
        self._parts.append(
            f'<path transform="translate({x:.1f},{y:.1f}) scale({cell:.4f})" fill="#000000" d="{path}"/>'
        )

    def result(self) -> bytes:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" font-family="{SVG_FAMILIES}">'
        )
        return ("\n".join([head, *self._parts, "</svg>"]) + "\n").encode("utf-8")


class PngCanvas(Canvas):
    def __init__(self, width: int, height: int, scale: float = 2.0) -> None:
        super().__init__(width, height)
        self.scale = scale
        self.image = Image.new("RGB", (round(width * scale), round(height * scale)), "#ffffff")
        self._draw = ImageDraw.Draw(self.image)

    def _rect(self, x: float, y: float, w: float, h: float, paint: Paint) -> None:
        s = self.scale
        self._draw.rectangle(
            (x * s, y * s, (x + w) * s - 1, (y + h) * s - 1),
            fill=paint.fill,
            outline=paint.stroke,
            width=max(1, round(paint.line * s)),
        )

    def text(
        self, x: float, y: float, text: str, size: float, color: str = "#222222", anchor: str = "start"
    ) -> None:
        where = {"start": "ls", "middle": "ms", "end": "rs"}[anchor]
        self._draw.text(
            (x * self.scale, y * self.scale), text, fill=color, font=_font(size * self.scale), anchor=where
        )

    def qr(self, x: float, y: float, size: float, modules: Matrix) -> None:
        n = len(modules)
        cell = max(1, int(size * self.scale) // n)  # whole pixels per module: no blurred edges
        code = Image.new("1", (n, n), 1)
        code.putdata([0 if dark else 1 for row in modules for dark in row])
        code = code.resize((n * cell, n * cell), Image.Resampling.NEAREST)
        offset = (size * self.scale - n * cell) / 2
        self.rect(x, y, size, size, fill="#ffffff")
        self.image.paste(
            code.convert("RGB"), (round(x * self.scale + offset), round(y * self.scale + offset))
        )

    def result(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG", optimize=True)
        return out.getvalue()


class PdfCanvas(Canvas):
    def __init__(self, width: int, height: int) -> None:
        super().__init__(width, height)
        self.pdf = FPDF(unit="pt", format=(width * PT_PER_PX, height * PT_PER_PX))
        self.pdf.set_margin(0)
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("cjk", fname=str(cjk_font()))
        self.pdf.add_page()

    def _rect(self, x: float, y: float, w: float, h: float, paint: Paint) -> None:
        k = PT_PER_PX
        if paint.fill:
            self.pdf.set_fill_color(*_rgb(paint.fill))
        if paint.stroke:
            self.pdf.set_draw_color(*_rgb(paint.stroke))
            self.pdf.set_line_width(paint.line * k)
        style = ("F" if paint.fill else "") + ("D" if paint.stroke else "")
        if style:
            self.pdf.rect(x * k, y * k, w * k, h * k, style=style)

    def text(
        self, x: float, y: float, text: str, size: float, color: str = "#222222", anchor: str = "start"
    ) -> None:
        k = PT_PER_PX
        self.pdf.set_font("cjk", size=size * k)
        self.pdf.set_text_color(*_rgb(color))
        shift = {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * self.pdf.get_string_width(text)
        self.pdf.text(x * k - shift, y * k, text)

    def qr(self, x: float, y: float, size: float, modules: Matrix) -> None:
        k = PT_PER_PX
        cell = size / len(modules) * k
        self.rect(x, y, size, size, fill="#ffffff")
        self.pdf.set_fill_color(0, 0, 0)
        for r, row in enumerate(modules):
            c = 0
            while c < len(row):  # one rectangle per horizontal run of dark modules
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    self.pdf.rect(x * k + start * cell, y * k + r * cell, (c - start) * cell, cell, style="F")
                c += 1

    def result(self) -> bytes:
        return bytes(self.pdf.output())


BACKENDS: dict[str, type[Canvas]] = {"svg": SvgCanvas, "png": PngCanvas, "pdf": PdfCanvas}


def canvas(kind: str, width: int, height: int) -> Canvas:
    """A canvas for ``kind`` (svg, png or pdf)."""
    if kind not in BACKENDS:
        raise CertificateError("unknown_format", f"unknown format {kind!r}; use one of {sorted(BACKENDS)}")
    return BACKENDS[kind](width, height)
