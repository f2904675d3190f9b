"""PDFs render from page templates with the site's own styles; emails go out as text and HTML."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from pytest_django.fixtures import Settings

from commonground.lib.emails import Attachment, send
from commonground.lib.pdf import StaticFilesFetcher, pdf_response


@pytest.fixture
def probe_templates(tmp_path: Path, settings: Settings) -> Path:
    (tmp_path / "emails").mkdir()
    (tmp_path / "probe.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>{{ name }}</h1>{% endblock %}'
    )
    (tmp_path / "emails" / "probe-subject.txt").write_text("Welcome to\n {{ cohort }}\n")
    (tmp_path / "emails" / "probe-body.txt").write_text("Dear {{ name }},\nSee {{ site_url }}.")
    (tmp_path / "emails" / "probe-body.html").write_text(
        '{% extends "emails/base.html" %}{% block content %}<p>Dear {{ name }}</p>{% endblock %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return tmp_path


def test_it_renders_a_pdf_with_the_text_a_reader_sees(probe_templates: Path) -> None:
    response = pdf_response("probe.html", {"name": "Zoë Brontë"}, "certificate")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
    page = pypdf.PdfReader(io.BytesIO(response.content)).pages[0]
    assert "Zoë Brontë" in page.extract_text()


def test_it_never_fetches_anything_but_static_files() -> None:
    with pytest.raises(ValueError, match="only use the site's static files"):
        StaticFilesFetcher().fetch("http://example.org/tracker.png")


def test_it_sends_an_email_with_text_html_and_attachment(probe_templates: Path) -> None:
    send(
        "probe",
        ["pat@example.org"],
        {"name": "Pat", "cohort": "2026/27"},
        attachments=[Attachment("invite.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "Welcome to 2026/27"
    assert message.to == ["pat@example.org"]
    assert "Dear Pat" in message.body and "http://" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<p>Dear Pat</p>" in str(html)
    assert message.attachments[0][0] == "invite.ics"
