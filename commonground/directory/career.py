"""An alumnus records their own new post: the career record that shows where alumni go.

The new post starts on the date they give; any post they still hold ends the day before, and
their directory entry takes the new title, organisation and band. All of it is saved, with
its audit entries, or none of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited

from .forms import DateInput
from .models import Band, Organisation, Person, Post


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
