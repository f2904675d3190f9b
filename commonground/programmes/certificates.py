"""Certificates of completion: a stored random code that anyone can check on the verification
page, and a PDF with the name, programme, cohort and date. A withdrawn certificate keeps its
code: its verification page says it was withdrawn, and its PDF is no longer offered."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpResponse

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.lib.pdf import pdf_response

from .models import Certificate, Enrolment, EnrolmentStatus


def issue_certificate(enrolment: Enrolment, by: User | None) -> Certificate:
    """The enrolment's certificate, made once; call inside the completing transaction."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    certificate = Certificate(enrolment=enrolment, code=secrets.token_urlsafe(12), issued_by=by)
    with audited(by, certificate, "programmes.certificate.created"):
        certificate.save()
    return certificate


def verify(code: str) -> Certificate | None:
    """The certificate with this exact code, valid or withdrawn; None for a code never issued,
    or one whose holder's completion was changed away without withdrawing it."""
    certificate = (
        Certificate.objects.select_related(
            "enrolment__person",
            "enrolment__cohort__programme",
            "withdrawn_from__person",
            "withdrawn_from__cohort__programme",
        )
        .filter(code=code)
        .first()
    )
    if certificate is None:
        return None
    if not certificate.is_withdrawn and certificate.holder.status != EnrolmentStatus.COMPLETED:
        return None
    return certificate


def verification_url(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}{certificate.get_absolute_url()}"


def certificate_pdf(certificate: Certificate) -> HttpResponse:
    """The PDF of a valid certificate; a withdrawn one has none."""
    enrolment = certificate.enrolment
    if enrolment is None:
        raise ValueError(f"{certificate} was withdrawn, so it has no PDF.")
    return pdf_response(
        "pdf/certificate.html",
        {
            "certificate": certificate,
            "person": enrolment.person,
            "cohort": enrolment.cohort,
            "programme": enrolment.cohort.programme,
            "verification_url": verification_url(certificate),
        },
        filename=f"certificate-{enrolment.person.last_name.lower()}-{certificate.code[:6]}",
    )
