"""The CJK font for PDF tickets, shipped in ``assets/fonts`` and embedded in every PDF.

reportlab's built-in CID fonts (STSong-Light and friends) are not embedded: they rely on the
viewer having Adobe's Asian font packs, and through CUPS (Ghostscript/Poppler filters) they print
as garbage or boxes. So we register WenQuanYi Micro Hei (TrueType collection, face 0) and let
reportlab subset-embed it (/FontFile2). A missing font is an error, never a silent fallback.
"""

from __future__ import annotations

import functools
import io
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WQYMicroHei"
FONT_PACKAGE = "assets"
FONT_RESOURCE = ("fonts", "wqy-microhei.ttc")


class FontMissingError(RuntimeError):
    """The ticket font is not where the package data should have put it."""


def _font_bytes(package: str, parts: tuple[str, ...]) -> bytes:
    try:
        resource = resources.files(package).joinpath(*parts)
        return resource.read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, IsADirectoryError) as exc:
        where = f"{package}/{'/'.join(parts)}"
        raise FontMissingError(
            f"ticket font {where} is missing: reinstall the package (it ships in its data); "
            "tickets are not printed with a fallback font"
        ) from exc


@functools.cache
def register_ticket_font() -> str:
    """Register the ticket font with reportlab once per process; return its name."""
    data = _font_bytes(FONT_PACKAGE, FONT_RESOURCE)
    font = TTFont(FONT_NAME, io.BytesIO(data), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return FONT_NAME
