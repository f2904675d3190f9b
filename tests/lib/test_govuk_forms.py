"""The shared form rendering: "(optional)" only where a question may be left out, and dates
asked for in GOV.UK's day, month and year boxes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.urls import reverse

from commonground.evaluation.forms import SurveyForm
from commonground.evaluation.models import WaveKind
from commonground.evaluation.services import load_default_instrument
from commonground.lib.govuk import GovukDateField, label_text, needed_to_send
from commonground.recruitment.forms import ApplicationForm
from commonground.recruitment.models import Round
from tests.conftest import World
from tests.evaluation_app.conftest import make_wave


class Questions(forms.Form):
    name = forms.CharField(label="Your name")
    nickname = forms.CharField(label="Nickname", required=False)
    reason = forms.CharField(label="Reason (optional)", required=False)
    answer = forms.CharField(label="Your answer", required=False)

    def __init__(self) -> None:
        super().__init__()
        needed_to_send(self.fields["answer"])


class Dates(forms.Form):
    starts_on = forms.DateField(
        label="Start date", error_messages={"required": "Enter the start date"}
    )
    ends_on = forms.DateField(label="End date", required=False, help_text="Leave empty if open")
    at = forms.DateTimeField(label="Starts at", required=False)


def labels(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", html, re.S)
    ]


def test_only_a_question_that_may_be_left_out_is_labelled_optional_and_only_once() -> None:
    assert labels(str(Questions())) == [
        "Your name",
        "Nickname (optional)",
        "Reason (optional)",
        "Your answer",
    ]


def test_a_date_is_asked_for_in_day_month_and_year_boxes_under_its_question() -> None:
    html = str(Dates())
    assert labels(html)[:8] == [
        "Start date",
        "Day",
        "Month",
        "Year",
        "End date (optional)",
        "Day",
        "Month",
        "Year",
    ]
    assert '<div class="govuk-date-input" id="id_starts_on">' in html
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        assert (
            f'class="govuk-input govuk-date-input__input govuk-input--width-{width}" '
            f'id="id_starts_on-{part}" name="starts_on-{part}" type="text" inputmode="numeric"'
        ) in html
    assert 'aria-describedby="id_ends_on-hint"' in html
    assert 'id="id_ends_on-hint" class="govuk-hint">Leave empty if open. For example' in html
    assert 'name="at"' in html  # a date and time stays one box


def test_the_three_boxes_give_the_date_and_show_it_again() -> None:
    form = Dates({"starts_on-day": "1", "starts_on-month": "12", "starts_on-year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_on"] == dt.date(2026, 12, 1)
    assert form.cleaned_data["ends_on"] is None
    shown = str(Dates(initial={"starts_on": dt.date(2027, 3, 9)}))
    assert 'name="starts_on-day" type="text" inputmode="numeric" value="9"' in shown
    assert 'name="starts_on-year" type="text" inputmode="numeric" value="2027"' in shown


def test_a_date_sent_as_one_iso_value_is_still_read() -> None:
    form = Dates({"starts_on": "2026-12-01"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_on"] == dt.date(2026, 12, 1)


def test_a_missing_month_is_named_and_only_its_box_is_marked() -> None:
    form = Dates({"starts_on-day": "1", "starts_on-month": "", "starts_on-year": "2026"})
    assert form.errors["starts_on"] == ["Start date must include a month"]
    html = str(form)
    assert re.search(r'govuk-input--width-2 govuk-input--error" id="id_starts_on-month"', html)
    assert 'govuk-input--width-2" id="id_starts_on-day"' in html
    assert 'govuk-input--width-4" id="id_starts_on-year"' in html
    assert '<a href="#id_starts_on-month">Start date must include a month</a>' in html
    assert 'aria-describedby="id_starts_on-hint id_starts_on-error"' in html


def test_a_date_that_does_not_exist_marks_the_box_that_is_wrong() -> None:
    form = Dates({"starts_on-day": "30", "starts_on-month": "2", "starts_on-year": "2026"})
    assert form.errors["starts_on"] == ["Start date must be a real date"]
    html = str(form)
    assert 'govuk-input--width-2 govuk-input--error" id="id_starts_on-day"' in html
    assert 'govuk-input--width-2" id="id_starts_on-month"' in html
    assert '<a href="#id_starts_on-day">' in html
    bad_month = Dates({"starts_on-day": "3", "starts_on-month": "13", "starts_on-year": "2026"})
    assert bad_month.errors["starts_on"] == ["Start date must be a real date"]
    words = Dates({"starts_on-day": "3", "starts_on-month": "May", "starts_on-year": "2026"})
    assert words.errors["starts_on"] == ["Start date must be a real date"]


def test_a_two_figure_year_is_refused_with_the_year_marked() -> None:
    form = Dates({"starts_on-day": "3", "starts_on-month": "5", "starts_on-year": "26"})
    assert form.errors["starts_on"] == ["Start date: the year must include 4 numbers"]
    assert 'govuk-input--width-4 govuk-input--error" id="id_starts_on-year"' in str(form)


def test_an_empty_required_date_gives_the_form_s_own_message_and_marks_every_box() -> None:
    form = Dates({"starts_on-day": "", "starts_on-month": "", "starts_on-year": ""})
    assert form.errors["starts_on"] == ["Enter the start date"]
    assert str(form).count("govuk-input--error") == 3
    assert '<a href="#id_starts_on-day">Enter the start date</a>' in str(form)


def test_each_form_gets_its_own_date_field_and_the_class_keeps_its_own() -> None:
    form = Dates()
    assert isinstance(form["starts_on"].field, GovukDateField)
    assert type(Dates.base_fields["starts_on"]) is forms.DateField


def test_a_model_form_s_dates_use_the_boxes_on_its_page(world: World) -> None:
    url = reverse("programmes:cohort_edit", args=[world.cohort.pk])
    page = world.client("staff").get(url).content.decode()
    starts = world.cohort.starts_on
    assert f'name="starts_on-day" type="text" inputmode="numeric" value="{starts.day}"' in page
    assert 'type="date"' not in page


def test_an_application_s_questions_are_not_labelled_optional_but_the_rankings_are() -> None:
    application_round = Round(
        questions=["Why do you want to join?"],
        criteria=["Leading across organisations"],
        challenges=["Rough sleeping"],
    )
    found = labels(str(ApplicationForm(application_round=application_round)))
    assert "Why do you want to join?" in found
    assert "Your statement: Leading across organisations" in found
    assert "Your sponsor&#x27;s name" in found
    assert "Your sponsor&#x27;s email address" in found
    assert "Your interest in “Rough sleeping” (optional)" in found
    assert not [label for label in found if "(optional)" in label and "Rough" not in label]


def test_a_survey_s_questions_are_not_labelled_optional_but_its_comments_are(
    world: World,
) -> None:
    version = load_default_instrument(world.programme, audit=False)
    wave = make_wave(world.cohort.pk, version, kind=WaveKind.END)
    answers: dict[str, dict[str, Any]] = {"ratings": {}, "before": {}, "comments": {}}
    form = SurveyForm(version=version, wave=wave, rater=False, answers=answers)
    optional = {
        field.name
        for section in form.sections()
        for field in section.fields
        if "(optional)" in label_text(field)
    }
    assert optional == {name for name in form.fields if name.startswith("text_")}
    assert optional  # the default instrument asks for comments in the person's own words
