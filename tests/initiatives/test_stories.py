"""Stories and the consent of the people they name: a story is usable in reports only when
everyone named has agreed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from commonground.audit.log import history
from commonground.initiatives.models import Consent, NamedPerson, Story
from tests.conftest import World
from tests.initiatives.helpers import Initiatives

STORY = {
    "title": "Schools know by nine",
    "what_changed": "Schools hear of a police call-out by nine the next morning.",
    "for_whom": "Children in families where police were called.",
    "evidence": "Forty schools signed up in the first term.",
    "named": "Jo Bright\n\n  Sam   Kerr \njo bright\n",
}


def test_the_lead_tells_a_story_naming_people_not_yet_asked(
    world: World, made: Initiatives
) -> None:
    url = reverse("initiatives:story_new", args=[made.initiative.pk])
    response = world.client("alumnus").post(url, STORY)
    story = Story.objects.get(title="Schools know by nine")
    assert response["Location"] == story.get_absolute_url()
    assert story.author == world.alumnus_person
    assert [(p.name, p.consent) for p in story.named_people.all()] == [
        ("Jo Bright", Consent.NOT_ASKED),
        ("Sam Kerr", Consent.NOT_ASKED),
    ]
    page = world.client("alumnus").get(story.get_absolute_url()).content.decode()
    assert "Not for reports yet: not everyone named has agreed." in page
    # Until everyone named agrees, the story and its names stay with those doing the work.
    assert world.client("participant").get(story.get_absolute_url()).status_code == 404
    initiative_page = world.client("participant").get(made.initiative.get_absolute_url())
    assert "Schools know by nine" not in initiative_page.content.decode()
    assert (
        "Schools know by nine"
        in world.client("alumnus").get(made.initiative.get_absolute_url()).content.decode()
    )


def test_a_story_needs_what_changed_for_whom_and_evidence(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:story_new", args=[made.initiative.pk])
    response = world.client("staff").post(url, {"title": "Empty"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say what changed" in page
    assert "Say who it changed things for" in page
    assert "Say how we know: figures, feedback or documents" in page
    assert not Story.objects.filter(title="Empty").exists()


def test_once_everyone_named_agrees_the_story_can_be_used(world: World, made: Initiatives) -> None:
    story = made.waiting
    named = story.named_people.get()
    url = reverse("initiatives:story_consent", args=[story.pk])
    client = world.client("alumnus")
    response = client.post(url, {f"person_{named.pk}": Consent.GIVEN})
    assert response["Location"] == story.get_absolute_url()
    named.refresh_from_db()
    assert named.consent == Consent.GIVEN
    assert named.consent_on == timezone.localdate()
    assert named.recorded_by == world.users["alumnus"]
    assert [e.action for e in history(named)] == ["initiatives.named_person.consent_recorded"]
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Can be used in reports" in page


def test_a_refusal_keeps_the_story_out_of_reports(world: World, made: Initiatives) -> None:
    story = made.usable
    named = story.named_people.get()
    url = reverse("initiatives:story_consent", args=[story.pk])
    world.client("staff").post(url, {f"person_{named.pk}": Consent.REFUSED})
    story = Story.objects.prefetch_related("named_people").get(pk=story.pk)
    assert not story.usable
    assert story.waiting_for == ["Dana Fielding"]


def test_an_answer_must_be_chosen_for_everyone(world: World, made: Initiatives) -> None:
    url = reverse("initiatives:story_consent", args=[made.waiting.pk])
    named = made.waiting.named_people.get()
    response = world.client("staff").post(url, {f"person_{named.pk}": ""})
    assert response.status_code == 400
    assert "Choose whether Kit Marlow agreed" in response.content.decode()


def test_editing_a_story_keeps_the_consent_of_the_names_kept(
    world: World, made: Initiatives
) -> None:
    url = reverse("initiatives:story_edit", args=[made.usable.pk])
    data = STORY | {"title": "One front door", "named": "Dana Fielding\nLee Chan"}
    assert world.client("alumnus").post(url, data).status_code == 302
    named = dict(NamedPerson.objects.filter(story=made.usable).values_list("name", "consent"))
    assert named == {"Dana Fielding": Consent.GIVEN, "Lee Chan": Consent.NOT_ASKED}
