"""Reading rendered tickets back: page size, text, fonts, pixels, QR payload."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pdfplumber
from PIL import Image
from pypdf import PdfReader
from pyzbar.pyzbar import decode

MM = 72 / 25.4


def page_size_pt(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join(page.extract_text() or "" for page in doc.pages)


def chars_of(pdf: bytes) -> list[dict[str, float]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [dict(c) for c in doc.pages[0].chars]


def font_files(pdf: bytes) -> dict[str, list[str]]:
    """Each font on page 1 -> the embedded font file keys of its descriptor(s)."""
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    out: dict[str, list[str]] = {}
    for name, ref in fonts.items():
        font = ref.get_object()
        descriptors = []
        if "/FontDescriptor" in font:
            descriptors.append(font["/FontDescriptor"].get_object())
        for child in font.get("/DescendantFonts", []):
            descriptors.append(child.get_object()["/FontDescriptor"].get_object())
        out[f"{name} {font.get('/BaseFont')}"] = [
            k for d in descriptors for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in d
        ]
    return out


def to_png(pdf: bytes, tmp: Path, dpi: int = 150) -> Image.Image:
    src = tmp / "ticket.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(src), str(tmp / "ticket")],
        check=True,
        timeout=30,
    )
    with Image.open(tmp / "ticket.png") as img:
        return img.convert("L")


def dark_fraction(img: Image.Image) -> float:
    hist = img.histogram()
    return sum(hist[:128]) / (img.width * img.height)


def qr_payloads(img: Image.Image) -> list[str]:
    return [r.data.decode() for r in decode(img) if r.type == "QRCODE"]
