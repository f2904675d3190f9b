"""Reordering a draft's indicators within their theme with Move up and Move down buttons."""

from __future__ import annotations

from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.evaluation.models import Indicator, InstrumentVersion
from commonground.evaluation.services import new_draft
from tests.conftest import World


def _draft(world: World, version: InstrumentVersion) -> InstrumentVersion:
    return new_draft(version, world.users["staff"])


def _order(theme_id: int) -> list[str]:
    return list(
        Indicator.objects.filter(theme_id=theme_id)
        .order_by("position", "pk")
        .values_list("key", flat=True)
    )


def test_staff_move_an_indicator_up_and_down_within_its_theme(
    world: World, version: InstrumentVersion
) -> None:
    draft = _draft(world, version)
    theme = draft.themes.order_by("position", "pk").first()
    assert theme is not None
    first, second, *rest = _order(theme.pk)
    moving = Indicator.objects.get(theme=theme, key=second)
    url = reverse("evaluation:indicator_move", args=[draft.pk, moving.pk])
    client = world.client("staff")
    response = client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{moving.pk}")
    assert _order(theme.pk) == [second, first, *rest]
    page = client.get(response["Location"]).content.decode()
    assert f"Moved up: {moving.self_wording}" in page
    client.post(url, {"direction": "down"})
    client.post(url, {"direction": "down"})
    assert _order(theme.pk) == [first, rest[0], second, *rest[1:]]
    assert AuditEntry.objects.filter(action="evaluation.indicator.moved").count() == 3


def test_the_version_page_offers_only_the_moves_that_make_sense(
    world: World, version: InstrumentVersion
) -> None:
    draft = _draft(world, version)
    theme = draft.themes.order_by("position", "pk").first()
    assert theme is not None
    keys = _order(theme.pk)
    html = world.client("staff").get(draft.get_absolute_url()).content.decode()
    assert f'Move up<span class="govuk-visually-hidden"> {keys[0]}</span>' not in html
    assert f'Move down<span class="govuk-visually-hidden"> {keys[0]}</span>' in html
    assert f'Move up<span class="govuk-visually-hidden"> {keys[-1]}</span>' in html
    assert f'Move down<span class="govuk-visually-hidden"> {keys[-1]}</span>' not in html
    published = world.client("staff").get(version.get_absolute_url()).content.decode()
    assert "Move up" not in published and "Move down" not in published


def test_moving_past_the_end_changes_nothing(world: World, version: InstrumentVersion) -> None:
    draft = _draft(world, version)
    theme = draft.themes.order_by("position", "pk").first()
    assert theme is not None
    keys = _order(theme.pk)
    top = Indicator.objects.get(theme=theme, key=keys[0])
    url = reverse("evaluation:indicator_move", args=[draft.pk, top.pk])
    world.client("staff").post(url, {"direction": "up"})
    world.client("staff").post(url, {"direction": "sideways"})
    assert _order(theme.pk) == keys


def test_a_published_versions_indicators_stay_where_they_are(
    world: World, version: InstrumentVersion
) -> None:
    theme = version.themes.order_by("position", "pk").first()
    assert theme is not None
    keys = _order(theme.pk)
    second = Indicator.objects.get(theme=theme, key=keys[1])
    url = reverse("evaluation:indicator_move", args=[version.pk, second.pk])
    response = world.client("staff").post(url, {"direction": "up"}, follow=True)
    assert "This version has been published, so it cannot change." in response.content.decode()
    assert _order(theme.pk) == keys
