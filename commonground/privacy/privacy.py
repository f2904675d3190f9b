"""What the privacy app holds about a person, for the subject access export: their erasure
requests, kept as the record of what was erased and what was kept."""

from __future__ import annotations

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import ErasureRequest


def _requests(person: Person) -> list[Row]:
    return [
        {
            "Received": request.received_on,
            "How it was made": request.how,
            "Recorded": request.recorded_at,
            "Erased": request.erased_at,
            "What was erased and what was kept": request.outcome,
        }
        for request in ErasureRequest.objects.filter(person=person)
    ]


def register_holdings() -> None:
    register(
        Holding(
            "privacy.erasure_requests",
            "Data protection",
            "Requests to erase the person's data",
            "To show that a request was answered, and why some records were kept (legal duty).",
            (ErasureRequest,),
            _requests,
            kept_because="the record that the request was answered, and how, which the law "
            "asks us to be able to show.",
        )
    )
