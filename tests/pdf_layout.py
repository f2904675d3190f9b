"""Reads a PDF's text as a reader would, and finds any line cut off at a page's edge."""

from __future__ import annotations

import re

from pypdf import PageObject, PdfReader

# A character is at least this share of its font size wide in the PDF's font (DejaVu Sans),
# so a line this long that starts where it does must still end inside the page.
NARROWEST_CHARACTER = 0.4


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _page_outside(number: int, width: float, page: PageObject) -> list[tuple[int, str]]:
    cut: list[tuple[int, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + cm[4]
        scale = abs(tm[0] * cm[0]) or 1
        end = x + len(text.strip()) * size * scale * NARROWEST_CHARACTER
        if x < 0 or end > width:
            cut.append((number, text.strip()))

    page.extract_text(visitor_text=visit)
    return cut


def outside(reader: PdfReader) -> list[tuple[int, str]]:
    """Every line of text that starts or must end beyond its page's edge: cut off in print."""
    return [
        line
        for number, page in enumerate(reader.pages, start=1)
        for line in _page_outside(number, float(page.mediabox.width), page)
    ]
