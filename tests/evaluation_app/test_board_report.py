"""The board report at the demo's size: a first page a board member reads in a minute, then
every table on pages it fits, no label cut."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from commonground.evaluation import demo as evaluation_demo
from commonground.evaluation.board import SMALL, WIDE, Bar, bars_svg
from commonground.evaluation.models import ReportSnapshot
from commonground.evaluation.snapshots import compute, snapshot_for
from commonground.programmes.demo.seed import SLUG
from commonground.programmes.demo.seed import seed as seed_programme
from commonground.programmes.models import Cohort, Programme
from tests.pdf_layout import outside, words


def _board_pdf(threshold: int | None) -> PdfReader:
    seed_programme()
    assert evaluation_demo.seed() is not None
    programme = Programme.objects.get(slug=SLUG)
    ids = list(Cohort.objects.filter(programme=programme).values_list("pk", flat=True))
    snapshot = snapshot_for(programme, None, threshold, ids)
    assert snapshot is not None
    assert compute(snapshot.pk)
    pdf = ReportSnapshot.objects.get(pk=snapshot.pk).pdf
    assert pdf is not None
    return PdfReader(io.BytesIO(bytes(pdf)))


@pytest.mark.django_db
def test_the_board_reports_first_page_is_a_summary_in_words_and_charts() -> None:
    reader = _board_pdf(threshold=5)
    first = words(reader.pages[0].extract_text())
    assert "In short" in first
    assert "people have taken a place on Leading Greater Essex across 12 cohorts" in first
    assert "They came from" in first and "local government" in first
    assert "very likely rose on all 5 themes measured" in first
    assert "95% confidence" in first
    assert "of participants answered the end survey" in first
    for chart in (
        "People in each cohort",
        "Where they work",
        "Change from start to end, with its likely range",
        "Participants who answered each survey",
    ):
        assert chart in first
    # Small numbers stay hidden for the board, on the summary as in the detail.
    assert "fewer than 5" in first or "not shown" in first or "hidden" in first
    # The detail follows on its own pages.
    assert "Wilcoxon" not in first
    rest = words(" ".join(page.extract_text() for page in reader.pages[1:]))
    for header in ("Wilcoxon p", "Mean change (95% CI)", "Improved / same / fell", "< 0.001"):
        assert header in rest
    # The network's headline by cohort, from the demo's network answers.
    assert "Who works with whom" in rest
    assert "of working ties crossed a sector boundary at baseline" in rest


@pytest.mark.django_db
def test_every_table_of_the_board_report_fits_its_page() -> None:
    reader = _board_pdf(threshold=None)
    assert outside(reader) == []
    widths = {round(float(page.mediabox.width)) for page in reader.pages}
    assert len(widths) == 2, "the widest table has landscape pages, the rest portrait"
    # The staff's copy shows every number, completion included.
    first = words(reader.pages[0].extract_text())
    assert "completed the programme" in first


def test_chart_labels_wrap_instead_of_being_cut() -> None:
    label = "The programme increased my knowledge of how public services work together"
    for frame in (SMALL, WIDE):
        svg = str(bars_svg("Agreeing", [Bar(label, 87.0, "87%")], 100, frame))
        lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
        assert " ".join(lines) == label
        assert all(len(line) <= frame.characters for line in lines)
        assert len(lines) > 1
