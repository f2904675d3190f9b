"""Every write to initiatives: atomic, and recorded in the change history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes, save_form
from commonground.directory.models import Person

from .forms import ConsentForm, InitiativeForm, StoryForm
from .imports import ValueRow
from .models import (
    Consent,
    Indicator,
    IndicatorValue,
    Initiative,
    Involvement,
    InvolvementRole,
    NamedPerson,
    Story,
)


def save_initiative(form: InitiativeForm, actor: User) -> Initiative:
    """The initiative with its organisations, challenges and people, as one change."""
    created = form.instance.pk is None
    action = "initiatives.initiative." + ("created" if created else "changed")
    with transaction.atomic():
        initiative = save_form(form, actor, action)
        wanted: dict[int, str] = {
            person.pk: InvolvementRole.LEADS for person in form.cleaned_data["leads"]
        }
        wanted |= {
            person.pk: InvolvementRole.TAKES_PART for person in form.cleaned_data["take_part"]
        }
        _set_people(initiative, wanted, actor)
    return initiative


def _set_people(initiative: Initiative, wanted: dict[int, str], actor: User) -> None:
    current = dict(initiative.involvements.values_list("person_id", "role"))
    if current == wanted:
        return
    initiative.involvements.exclude(person_id__in=wanted).delete()
    for person_id, role in wanted.items():
        if current.get(person_id) != role:
            Involvement.objects.update_or_create(
                initiative=initiative, person_id=person_id, defaults={"role": role}
            )
    names = {
        person.pk: person.name
        for person in Person.objects.filter(pk__in=set(current) | set(wanted)).only(
            "first_name", "last_name"
        )
    }
    record_changes(
        actor,
        initiative,
        "initiatives.initiative.people_changed",
        {
            "leads": [
                _names(current, InvolvementRole.LEADS, names),
                _names(wanted, InvolvementRole.LEADS, names),
            ],
            "takes_part": [
                _names(current, InvolvementRole.TAKES_PART, names),
                _names(wanted, InvolvementRole.TAKES_PART, names),
            ],
        },
    )


def _names(roles: dict[int, str], role: str, names: dict[int, str]) -> list[str]:
    return sorted(str(names.get(pk, pk)) for pk, r in roles.items() if r == role)


@dataclass(frozen=True)
class Imported:
    added: int
    changed: int


def import_values(indicator: Indicator, rows: list[ValueRow], actor: User) -> Imported:
    """Add each period's value, or replace the one stored for that period, all or nothing."""
    with transaction.atomic():
        stored = {v.period_end: v for v in IndicatorValue.objects.filter(indicator=indicator)}
        added = [
            IndicatorValue(indicator=indicator, period_end=r.period_end, value=r.value, note=r.note)
            for r in rows
            if r.period_end not in stored
        ]
        changed = []
        for row in rows:
            value = stored.get(row.period_end)
            if value is not None and (value.value, value.note) != (row.value, row.note):
                value.value, value.note = row.value, row.note
                changed.append(value)
        IndicatorValue.objects.bulk_create(added)
        IndicatorValue.objects.bulk_update(changed, ["value", "note"])
        record_changes(
            actor,
            indicator,
            "initiatives.indicator.values_imported",
            {"values added": [None, len(added)], "values changed": [None, len(changed)]},
        )
    return Imported(len(added), len(changed))


def save_story(form: StoryForm, actor: User, author_id: int | None) -> Story:
    """The story and the people it names: a name kept keeps its consent, a new name is not
    yet asked, a name taken out is forgotten."""
    created = form.instance.pk is None
    if created:
        form.instance.author_id = author_id
    action = "initiatives.story." + ("created" if created else "changed")
    with transaction.atomic():
        story = save_form(form, actor, action)
        names: list[str] = form.cleaned_data["named"]
        current = {p.name: p for p in story.named_people.all()}
        gone = [p.pk for name, p in current.items() if name not in names]
        new = [n for n in names if n not in current]
        if gone or new:
            NamedPerson.objects.filter(pk__in=gone).delete()
            NamedPerson.objects.bulk_create(NamedPerson(story=story, name=n) for n in new)
            record_changes(
                actor,
                story,
                "initiatives.story.named_changed",
                {"named": [sorted(current), sorted(names)]},
            )
    return story


def record_consent(
    story: Story, form: ConsentForm, actor: User, today: dt.date | None = None
) -> int:
    """Each named person's answer, dated today where it changed; returns how many changed."""
    today = today or timezone.localdate()
    choices = form.choices()
    changed = 0
    with transaction.atomic():
        for person in form.named:
            choice = choices[person.pk]
            if choice == person.consent:
                continue
            with audited(actor, person, "initiatives.named_person.consent_recorded"):
                person.consent = choice
                person.consent_on = None if choice == Consent.NOT_ASKED else today
                person.recorded_by = actor
                person.save(update_fields=["consent", "consent_on", "recorded_by"])
            changed += 1
    return changed
