"""Instruments: the default one, versions that freeze when published, answers tied to theirs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.evaluation.adapters import load_version, stats_instrument
from commonground.evaluation.forms import IndicatorForm, ThemeForm
from commonground.evaluation.models import (
    Indicator,
    Instrument,
    InstrumentVersion,
    SurveyResponse,
    Theme,
    Wave,
)
from commonground.evaluation.services import (
    LAST_POSITION,
    create_instrument,
    default_instrument,
    delete_item,
    new_draft,
    publish,
    save_item,
)
from tests.conftest import World

from .conftest import answer_all


def test_the_default_instrument_has_twenty_indicators_in_five_themes(
    version: InstrumentVersion,
) -> None:
    shown = stats_instrument(load_version(version.pk))
    assert [t.title for t in shown.themes] == [
        "Collaboration",
        "Understanding systems",
        "Diagnosing challenges",
        "Leading change",
        "Learning and improving",
    ]
    assert len(shown.indicators) == 20
    kinds = [s.kind for s in shown.statements]
    assert kinds.count("outcome") == 4 and kinds.count("reaction") == 2
    assert shown.free_text
    assert shown == default_instrument()


def test_a_published_version_cannot_change(world: World, version: InstrumentVersion) -> None:
    indicator = Indicator.objects.filter(theme__version=version).first()
    assert indicator is not None
    response = world.client("staff").post(
        reverse("evaluation:item_edit", args=[version.pk, "indicator", indicator.pk]),
        {"theme": indicator.theme_id, "self_wording": "Changed", "rater_wording": "Changed"},
        follow=True,
    )
    assert "This version is published" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.self_wording != "Changed"


def test_editing_a_published_version_makes_a_new_draft_and_answers_keep_theirs(
    world: World, version: InstrumentVersion, wave: Wave
) -> None:
    answered = SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="self",
        version=version,
        ratings=answer_all(version),
    )
    client = world.client("staff")
    response = client.post(reverse("evaluation:version_new_draft", args=[version.pk]))
    draft = InstrumentVersion.objects.get(instrument=version.instrument, number=2)
    assert response.headers["Location"] == reverse("evaluation:version", args=[draft.pk])
    indicator = Indicator.objects.filter(theme__version=draft).first()
    assert indicator is not None
    client.post(
        reverse("evaluation:item_edit", args=[draft.pk, "indicator", indicator.pk]),
        {
            "theme": indicator.theme_id,
            "self_wording": "I bring partners together.",
            "rater_wording": "They bring partners together.",
            "scale": "No\nYes",
        },
    )
    indicator.refresh_from_db()
    assert indicator.self_wording == "I bring partners together."
    assert indicator.scale_labels == ["No", "Yes"]
    answered.refresh_from_db()
    assert answered.version_id == version.pk
    original = Indicator.objects.get(theme__version=version, key=indicator.key)
    assert original.self_wording != "I bring partners together."


def test_staff_build_an_instrument_from_nothing_and_publish_it(world: World) -> None:
    client = world.client("staff")
    response = client.post(
        reverse("evaluation:instrument_new"), {"title": "Aspiring leaders", "start": "blank"}
    )
    draft = InstrumentVersion.objects.get(instrument__title="Aspiring leaders")
    assert response.headers["Location"] == reverse("evaluation:version", args=[draft.pk])
    with pytest.raises(ValidationError):
        publish(draft, world.users["staff"])
    client.post(reverse("evaluation:item_new", args=[draft.pk, "theme"]), {"title": "Trust"})
    theme = draft.themes.get()
    client.post(
        reverse("evaluation:item_new", args=[draft.pk, "indicator"]),
        {"theme": theme.pk, "self_wording": "I keep promises.", "rater_wording": "They do."},
    )
    client.post(reverse("evaluation:version_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert not draft.is_draft
    page = client.get(reverse("evaluation:version", args=[draft.pk])).content.decode()
    assert "I keep promises." in page and "0 to 100" in page


def test_an_instrument_or_item_without_a_title_answers_bad_request(
    world: World, version: InstrumentVersion
) -> None:
    client = world.client("staff")
    response = client.post(reverse("evaluation:instrument_new"), {"title": "", "start": "blank"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    draft = new_draft(version, world.users["staff"])
    item = client.post(reverse("evaluation:item_new", args=[draft.pk, "theme"]), {"title": ""})
    assert item.status_code == 400


def test_a_new_draft_is_reused_until_it_is_published(
    world: World, version: InstrumentVersion
) -> None:
    first = new_draft(version, world.users["staff"])
    assert new_draft(version, world.users["staff"]) == first


def test_new_items_get_an_id_from_their_wording_and_go_last(world: World) -> None:
    staff = world.users["staff"]
    draft = create_instrument("Aspiring leaders", None, staff)
    themes = [ThemeForm({"title": "Working together"}) for _ in range(2)]
    assert all(form.is_valid() for form in themes)
    first, second = (save_item(form, draft, staff) for form in themes)
    assert (first.key, second.key) == ("working_together", "working_together_2")
    assert first.version == draft and first.position == LAST_POSITION
    form = IndicatorForm(
        {"theme": first.pk, "self_wording": "Working together", "rater_wording": "They do."},
        version=draft,
    )
    assert form.is_valid(), form.errors
    indicator = save_item(form, draft, staff)
    assert indicator.key == "working_together_3" and indicator.theme == first
    created = AuditEntry.objects.filter(action__endswith=".created").values_list(
        "action", flat=True
    )
    assert sorted(created) == [
        "evaluation.indicator.created",
        "evaluation.instrument.created",
        "evaluation.theme.created",
        "evaluation.theme.created",
    ]


def test_an_item_of_a_published_version_is_neither_changed_nor_removed(
    world: World, version: InstrumentVersion
) -> None:
    staff = world.users["staff"]
    theme = version.themes.first()
    assert theme is not None
    form = ThemeForm({"title": "Renamed"}, instance=theme)
    assert form.is_valid()
    with pytest.raises(ValidationError):
        save_item(form, version, staff)
    with pytest.raises(ValidationError):
        delete_item(theme, version, staff)
    assert Theme.objects.get(pk=theme.pk).title == "Collaboration"
    assert not AuditEntry.objects.exists()


def test_an_instrument_from_the_default_is_recorded_under_the_title_given(world: World) -> None:
    world.client("staff").post(
        reverse("evaluation:instrument_new"), {"title": "Aspiring leaders", "start": "default"}
    )
    instrument = Instrument.objects.get()
    assert instrument.title == "Aspiring leaders"
    entry = AuditEntry.objects.get(action="evaluation.instrument.created")
    assert entry.changes["title"] == [None, "Aspiring leaders"]
