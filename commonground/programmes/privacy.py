"""What the programmes app holds about a person, for the subject access export: never a
calendar feed's private address, only that one exists."""

from __future__ import annotations

from typing import Any

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import (
    Activity,
    Attendance,
    CalendarFeed,
    Certificate,
    CohortMessage,
    Enrolment,
    ProgrammeRole,
)

PURPOSE = "To run the programme the person takes part in and record that they completed it."


def _enrolments(person: Person) -> list[Row]:
    enrolments = (
        Enrolment.objects.filter(person=person)
        .select_related("cohort__programme", "sponsor")
        .order_by("cohort__starts_on")
    )
    return [
        {
            "Programme": enrolment.cohort.programme.name,
            "Cohort": enrolment.cohort.name,
            "Status": enrolment.get_status_display(),
            "Enrolled": enrolment.enrolled_on,
            "Left": enrolment.left_on,
            "Sponsor": enrolment.sponsor.name if enrolment.sponsor else "",
            "Reason for leaving": enrolment.leaving_reason,
        }
        for enrolment in enrolments
    ]


def _attendance(person: Person) -> list[Row]:
    marks = (
        Attendance.objects.filter(enrolment__person=person)
        .select_related("activity__cohort")
        .order_by("activity__starts_at")
    )
    return [
        {
            "Cohort": mark.activity.cohort.name,
            "Activity": mark.activity.title,
            "Starts": mark.activity.starts_at,
            "Mark": mark.get_status_display(),
            "Apologies or note": mark.note,
            "Recorded at": mark.recorded_at,
        }
        for mark in marks
    ]


def _facilitated(person: Person) -> list[Row]:
    activities = Activity.objects.filter(facilitators=person).select_related("cohort")
    return [
        {"Cohort": activity.cohort.name, "Activity": activity.title, "Starts": activity.starts_at}
        for activity in activities.order_by("starts_at")
    ]


def _certificates(person: Person) -> list[Row]:
    certificates = Certificate.objects.filter(enrolment__person=person).select_related(
        "enrolment__cohort"
    )
    return [
        {
            "Cohort": certificate.enrolment.cohort.name if certificate.enrolment else "",
            "Verification code": certificate.code,
            "Issued": certificate.issued_on,
            "Withdrawn": certificate.withdrawn_at,
            "Reason withdrawn": certificate.withdrawal_reason,
        }
        for certificate in certificates
    ]


def _calendar_feed(person: Person) -> list[Row]:
    return [
        {"Created": feed.created_at, "Last read": feed.last_used_at}
        for feed in CalendarFeed.objects.filter(person=person)
    ]


def _messages(person: Person) -> list[Row]:
    messages = CohortMessage.objects.filter(recipients=person).select_related("cohort")
    return [
        {
            "Cohort": message.cohort.name,
            "Sent": message.sent_at,
            "Subject": message.subject,
            "Text": message.body,
        }
        for message in messages.order_by("created_at")
    ]


def _roles(person: Person) -> list[Row]:
    if person.user_id is None:
        return []
    roles = ProgrammeRole.objects.filter(user_id=person.user_id).select_related("programme")
    return [{"Programme": role.programme.name, "Role": role.get_role_display()} for role in roles]


def _delete_feed(person: Person) -> int:
    deleted, _ = CalendarFeed.objects.filter(person=person).delete()
    return deleted


ON_ERASURE: dict[str, dict[str, Any]] = {
    "programmes.calendar_feed": {"erase": _delete_feed},
    "programmes.certificates": {
        "kept_because": "anyone the person showed a certificate to can still check it is "
        "genuine; it shows no name once the person is erased."
    },
}


def register_holdings() -> None:
    for key, title, models, rows, purpose in (
        ("programmes.enrolments", "Places in cohorts", (Enrolment,), _enrolments, PURPOSE),
        (
            "programmes.attendance",
            "Attendance and apologies",
            (Attendance,),
            _attendance,
            "To know who came to each activity, which decides completion.",
        ),
        (
            "programmes.facilitated",
            "Activities facilitated",
            (Activity,),
            _facilitated,
            "To tell participants who leads each activity.",
        ),
        (
            "programmes.certificates",
            "Completion certificates",
            (Certificate,),
            _certificates,
            "So that anyone the person shows a certificate to can check it is genuine.",
        ),
        (
            "programmes.calendar_feed",
            "Calendar feed (never its private address)",
            (CalendarFeed,),
            _calendar_feed,
            "To put the person's activities in their calendar.",
        ),
        (
            "programmes.messages",
            "Emails sent to the person by programme staff",
            (CohortMessage,),
            _messages,
            "To keep a record of what the cohort was told.",
        ),
        (
            "programmes.roles",
            "Roles in programmes",
            (ProgrammeRole,),
            _roles,
            "To decide what the person may see and change.",
        ),
    ):
        register(
            Holding(key, "Programmes", title, purpose, models, rows, **ON_ERASURE.get(key, {}))
        )
