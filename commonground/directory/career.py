"""The career record a person keeps themselves: the record that shows where alumni go.

A new role starts on the date they give; any post they still hold ends the day before, and
their directory entry takes the new title, organisation and band. They may also add an earlier
post or put one right. Each change is saved with its audit entry, or not at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, save_form
from commonground.audit.versions import VersionedForm

from .forms import DateInput
from .ladder import ladder_for, load_examples, programme_of, suggest_band
from .models import Band, BandSource, CareerChoice, Organisation, Person, Post

# Bumped when the privacy notice's words change, so a choice records which words were read.
NOTICE_VERSION = "2026-1"
SUGGEST = ""


class OwnPostForm(forms.Form):
    title = forms.CharField(
        label="Job title",
        max_length=200,
        error_messages={"required": "Enter your job title"},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        empty_label="Choose your organisation",
        error_messages={"required": "Choose your organisation"},
    )
    band = forms.ChoiceField(
        label="Seniority band",
        choices=[("", "Choose a band"), *Band.choices],
        error_messages={"required": "Choose your seniority band"},
    )
    started_on = forms.DateField(
        label="Started on",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date you started",
            "invalid": "Enter the date you started as a real date, like 2026-09-01",
        },
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        self.person = person
        super().__init__(*args, **kwargs)
        band = self.fields["band"]
        assert isinstance(band, forms.ChoiceField)
        band.choices = [("", "Choose a band"), *ladder_for(programme_of(person)).choices()]

    def clean_started_on(self) -> dt.date:
        started: dt.date = self.cleaned_data["started_on"]
        if started > timezone.localdate():
            raise ValidationError("The date you started must be today or in the past")
        latest = (
            Post.objects.filter(person=self.person, ended_on__isnull=True)
            .order_by("-started_on")
            .first()
        )
        if latest is not None and started <= latest.started_on:
            raise ValidationError(
                f"The date you started must be after {latest.started_on:%-d %B %Y}, "
                f"when you started as {latest.title}"
            )
        return started


def record_own_post(person: Person, data: dict[str, Any], by: User) -> Post:
    """End the posts the person still holds, add the new one, and update their entry."""
    started: dt.date = data["started_on"]
    with transaction.atomic():
        for held in Post.objects.select_for_update().filter(person=person, ended_on__isnull=True):
            with audited(by, held, "directory.post.changed"):
                held.ended_on = started - dt.timedelta(days=1)
                held.save()
        post = Post(
            person=person,
            organisation=data["organisation"],
            title=data["title"].strip(),
            band=data["band"],
            started_on=started,
        )
        with audited(by, post, "directory.post.created"):
            post.save()
        with audited(by, person, "directory.person.changed"):
            person.organisation = post.organisation
            person.job_title = post.title
            person.band = post.band
            person.save()
    return post


class CareerPostForm(VersionedForm[Post]):
    """A post the person adds to or corrects in their own record."""

    class Meta:
        model = Post
        fields = ["organisation", "title", "band", "started_on", "ended_on", "held_alongside"]
        labels = {
            "title": "Job title",
            "started_on": "Started on",
            "ended_on": "Left on",
            "held_alongside": "I hold this post alongside another one",
        }
        help_texts = {
            "ended_on": "Leave empty if you still hold this post",
            "held_alongside": "For example a joint appointment across two organisations",
        }
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}
        error_messages = {
            "organisation": {"required": "Choose the organisation"},
            "title": {"required": "Enter your job title"},
            "started_on": {
                "required": "Enter the date you started",
                "invalid": "Enter the date you started as a real date, like 2024-09-01",
            },
            "ended_on": {"invalid": "Enter the date you left as a real date, like 2025-07-31"},
        }

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        self.person = person
        self.programme_id = programme_of(person)
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.order_by("name")
        organisation.empty_label = "Choose the organisation"
        band = self.fields["band"]
        assert isinstance(band, forms.ChoiceField)
        band.required = False
        band.choices = [
            (SUGGEST, "Work it out from my job title"),
            *ladder_for(self.programme_id).choices(),
        ]
        band.help_text = (
            "One ladder across sectors: a chief superintendent, an NHS deputy director and a "
            "council assistant director are all assistant director or equivalent"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        started: dt.date | None = cleaned.get("started_on")
        ended: dt.date | None = cleaned.get("ended_on")
        today = timezone.localdate()
        if started and started > today:
            self.add_error("started_on", "The date you started must be today or in the past")
        if ended and ended > today:
            self.add_error("ended_on", "The date you left must be today or in the past")
        if started and ended and ended < started:
            self.add_error("ended_on", "The date you left must be on or after the date you started")
        if started and not ended and not cleaned.get("held_alongside"):
            self._check_one_current_post()
        self._choose_band(cleaned)
        return cleaned

    def _check_one_current_post(self) -> None:
        other = (
            Post.objects.filter(person=self.person, ended_on__isnull=True)
            .exclude(pk=self.instance.pk)
            .select_related("organisation")
            .first()
        )
        if other is not None:
            self.add_error(
                "ended_on",
                f"Your record says you are still {other.title}, {other.organisation}: enter the "
                "date you left this post, or tick that you hold it alongside the other one",
            )

    def _choose_band(self, cleaned: dict[str, Any]) -> None:
        title, organisation = cleaned.get("title"), cleaned.get("organisation")
        if cleaned.get("band") or not title:
            self.instance.band_source = BandSource.STATED
            return
        sector = organisation.sector if organisation else ""
        suggested = suggest_band(title, sector, load_examples(self.programme_id))
        if suggested is None:
            self.add_error(
                "band",
                "We cannot tell the band from this job title; choose the band nearest to it",
            )
            return
        cleaned["band"] = suggested
        self.instance.band = suggested
        self.instance.band_source = BandSource.SUGGESTED


def save_own_post(form: CareerPostForm, by: User) -> Post:
    """Save a post from the person's own form; their directory entry follows their latest
    current post."""
    action = "directory.post.changed" if form.instance.pk else "directory.post.created"
    with transaction.atomic():
        post = save_form(form, by, action)
        follow_latest_post(post.person, by)
    return post


def follow_latest_post(person: Person, by: User) -> None:
    """The directory entry takes the title, organisation and band of the latest current post."""
    latest = (
        Post.objects.filter(person=person, ended_on__isnull=True)
        .order_by("-started_on", "-pk")
        .first()
    )
    if latest is None:
        return
    if (person.organisation_id, person.job_title, person.band) == (
        latest.organisation_id,
        latest.title,
        latest.band,
    ):
        return
    with audited(by, person, "directory.person.changed"):
        person.organisation_id = latest.organisation_id
        person.job_title = latest.title
        person.band = latest.band
        person.save()


def current_posts(person: Person) -> list[Post]:
    return list(
        Post.objects.filter(person=person, ended_on__isnull=True)
        .select_related("organisation")
        .order_by("-started_on", "pk")
    )


def confirm_still_in_role(person: Person, by: User | None) -> int:
    """The person says nothing has changed: each post they hold is marked confirmed today."""
    today = timezone.localdate()
    confirmed = 0
    with transaction.atomic():
        for post in Post.objects.select_for_update().filter(person=person, ended_on__isnull=True):
            with audited(by, post, "directory.post.confirmed"):
                post.confirmed_on = today
                post.save(update_fields=["confirmed_on"])
            confirmed += 1
    return confirmed


def record_career_choice(person: Person, follow_up: bool, by: User | None) -> CareerChoice:
    """Keep the person's answer to the privacy notice, with the notice's version and the time."""
    choice = CareerChoice.objects.filter(person=person).first() or CareerChoice(person=person)
    with audited(
        by,
        choice,
        "directory.careerchoice.changed" if choice.pk else "directory.careerchoice.created",
    ):
        choice.follow_up = follow_up
        choice.notice_version = NOTICE_VERSION
        choice.chosen_at = timezone.now()
        choice.save()
    return choice


def follow_up_field(*, required: bool = True) -> forms.TypedChoiceField:
    """The privacy notice's question, asked the same way when a person accepts their place and
    on their home page or career record."""
    return forms.TypedChoiceField(
        label="May we ask you once a year, after the programme, whether your role has changed?",
        choices=[
            ("yes", "Yes, ask me once a year"),
            ("no", "No, do not ask me, and leave my record out of the progression figures"),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether we may ask you once a year about your role"},
    )


class CareerChoiceForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up"] = follow_up_field()
