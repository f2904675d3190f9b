"""What the directory holds about a person, for the subject access export."""

from __future__ import annotations

from commonground.audit.log import erase_history
from commonground.lib.personal_data import Holding, Row, register

from .models import CareerChoice, Person, Post


def _person(person: Person) -> list[Row]:
    return [
        {
            "First name": person.first_name,
            "Last name": person.last_name,
            "Email address": person.email,
            "Organisation": person.organisation.name if person.organisation else "",
            "Job title": person.job_title,
            "Seniority band": person.get_band_display(),
            "Has an account": person.user_id is not None,
        }
    ]


def _posts(person: Person) -> list[Row]:
    posts = Post.objects.filter(person=person).select_related("organisation").order_by("started_on")
    return [
        {
            "Organisation": post.organisation.name,
            "Title": post.title,
            "Seniority band": post.get_band_display(),
            "Band given by": post.get_band_source_display(),
            "Started": post.started_on,
            "Ended": post.ended_on,
            "Held alongside another post": post.held_alongside,
            "Last asked to confirm": post.asked_on,
            "Last confirmed": post.confirmed_on,
        }
        for post in posts
    ]


def _career_choice(person: Person) -> list[Row]:
    return [
        {
            "Agrees to keep the record up to date and be counted": choice.follow_up,
            "Privacy notice version read": choice.notice_version,
            "Chosen at": choice.chosen_at,
        }
        for choice in CareerChoice.objects.filter(person=person)
    ]


def _erase_person(person: Person) -> int:
    """The name, address and job title go; the organisation stays, as the figures count it."""
    erased = Person.objects.get(pk=person.pk)
    erased.first_name, erased.last_name = "Erased", f"person {person.pk}"
    erased.email = f"erased-{person.pk}@erased.invalid"
    erased.job_title = ""
    erased.save()
    erase_history(erased, f"Erased person {person.pk}")
    return 1


def register_holdings() -> None:
    register(
        Holding(
            "directory.person",
            "Directory",
            "Name, contact details and current post",
            "To know who takes part in the programmes and how to reach them (legitimate "
            "interests and public task of the partner bodies).",
            (Person,),
            _person,
            erase=_erase_person,
        )
    )
    register(
        Holding(
            "directory.posts",
            "Directory",
            "Posts held over time (career history)",
            "To follow careers after the programme and count, without names, how many "
            "leaders move into more senior roles.",
            (Post,),
            _posts,
        )
    )
    register(
        Holding(
            "directory.career_choice",
            "Directory",
            "Choice about the career record",
            "To show what the person agreed to after reading the career record's privacy notice.",
            (CareerChoice,),
            _career_choice,
        )
    )
