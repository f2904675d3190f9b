"""Forms of the alumni network: the profile, the directory's search, posts, replies and events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator

from commonground.audit.versions import VersionedForm
from commonground.directory.models import Area, Sector
from commonground.lib.limits import LONG_TEXT, SHORT_TEXT, TOO_LONG, limited_text
from commonground.programmes.forms import DATETIME
from commonground.programmes.models import Cohort, Programme

from .models import AlumniEvent, Post, PostKind, Profile, Visibility
from .services import MAX_TAGS, parse_tags

VISIBILITY = forms.RadioSelect


class ProfileForm(forms.ModelForm[Profile]):
    """A person's own profile; each field with who may see it, chosen beside it."""

    expertise_text = forms.CharField(
        label="Your expertise",
        required=False,
        max_length=600,
        help_text="Short phrases separated by commas, like: joint commissioning, domestic abuse, "
        "public health",
        error_messages=TOO_LONG,
    )

    class Meta:
        model = Profile
        fields = [
            "listed",
            "works_on",
            "works_on_visibility",
            "expertise_text",
            "expertise_visibility",
            "places",
            "places_visibility",
            "offers",
            "offers_visibility",
            "looking_for",
            "looking_for_visibility",
            "email_visibility",
            "digest",
        ]
        labels = {
            "works_on_visibility": "Who sees what you work on",
            "expertise_visibility": "Who sees your expertise",
            "places_visibility": "Who sees your places",
            "offers_visibility": "Who sees what you can offer",
            "looking_for_visibility": "Who sees what you are looking for",
        }
        help_texts = {
            "works_on": "Your role and the work you lead, in a sentence or two",
            "places": "Towns, districts or areas, like: Basildon, Thurrock",
            "offers": "Help you could give another leader: a conversation, a visit, a contact",
            "looking_for": "Help or contacts you would like",
            "email_visibility": "Others use it to get in touch with you",
        }
        widgets = {
            f"{name}_visibility": VISIBILITY
            for name in ("works_on", "expertise", "places", "offers", "looking_for", "email")
        }
        formfield_callback = limited_text(LONG_TEXT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            names = self.instance.expertise.values_list("name", flat=True)
            self.fields["expertise_text"].initial = ", ".join(names)
        for name, field in self.fields.items():
            if name.endswith("_visibility"):
                assert isinstance(field, forms.ChoiceField)
                field.choices = Visibility.choices
                field.required = True
                field.error_messages["required"] = "Choose who sees this."

    def clean_expertise_text(self) -> list[str]:
        tags = parse_tags(self.cleaned_data["expertise_text"])
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                f"Give at most {MAX_TAGS} areas of expertise; you gave {len(tags)}."
            )
        too_long = [tag for tag in tags if len(tag) > 60]
        if too_long:
            raise forms.ValidationError(
                f"Each area of expertise must be 60 characters or fewer: “{too_long[0][:60]}…”."
            )
        return tags


class DirectoryFilter(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=SHORT_TEXT)
    expertise = forms.CharField(label="Expertise", required=False, max_length=SHORT_TEXT)
    organisation = forms.CharField(label="Organisation", required=False, max_length=SHORT_TEXT)
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "Any sector"), *Sector.choices]
    )
    area = forms.ChoiceField(
        label="Area", required=False, choices=[("", "Any area"), *Area.choices]
    )
    cohort = forms.TypedChoiceField(label="Cohort", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, cohorts: Sequence[Cohort] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cohort"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Any cohort")] + [(c.pk, str(c)) for c in cohorts]


class PostForm(forms.ModelForm[Post]):
    class Meta:
        model = Post
        fields = ["programme", "kind", "title", "body"]
        labels = {
            "programme": "Which programme's network",
            "kind": "Are you asking for help or offering it?",
            "title": "In a line",
            "body": "The detail",
        }
        help_texts = {
            "title": "For example: Anyone who has set up a joint commissioning board with the NHS?",
            "body": "What you need or can give, and by when. Replies come to you privately.",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "kind": {"required": "Choose whether this is an ask or an offer."},
            "title": {"required": "Say in a line what you are asking or offering.", **TOO_LONG},
            "body": {"required": "Give the detail of your ask or offer."},
        }
        formfield_callback = limited_text(LONG_TEXT)

    def __init__(self, *args: Any, programmes: Sequence[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Programme.objects.filter(pk__in=[p.pk for p in programmes])
        field.empty_label = None
        field.error_messages["invalid_choice"] = "Choose one of your programmes."
        field.error_messages["required"] = "Choose which programme's network to post to."
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = PostKind.choices
        if len(programmes) == 1:
            field.widget = forms.HiddenInput()
            self.initial["programme"] = programmes[0].pk


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only the person who posted (and programme staff) will read it. They are "
        "emailed it with your email address, to reply to you.",
        error_messages={"required": "Write your reply.", **TOO_LONG},
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label="Why hide it",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the post's history and shown to its author",
        error_messages={"required": "Say why the post is hidden.", **TOO_LONG},
    )


# The largest gathering the programme could hold; anything more is a typing mistake.
MOST_PLACES = 10_000


class EventForm(VersionedForm[AlumniEvent]):
    online_link = forms.URLField(
        label="Online link",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="The meeting link for joining online, starting https://; it goes into "
        "the calendar invitations",
        error_messages={"invalid": "Enter the online link as a web address, like https://…"},
    )

    class Meta:
        model = AlumniEvent
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "capacity",
            "with_sponsors",
        ]
        labels = {"starts_at": "Starts", "ends_at": "Ends"}
        help_texts = {
            "starts_at": "UK time",
            "ends_at": "UK time",
            "place": "The address, for events in person",
        }
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        error_messages = {
            "kind": {"required": "Choose what kind of event this is."},
            "title": {"required": "Enter the event's title."},
            "starts_at": {
                "required": "Enter when it starts.",
                "invalid": "Enter when it starts as a date and time.",
            },
            "ends_at": {
                "required": "Enter when it ends.",
                "invalid": "Enter when it ends as a date and time.",
            },
            "capacity": {
                "invalid": "Enter the number of places as a whole number, like 80.",
                "min_value": "Enter at least 1 place, or leave it empty for no limit.",
                "max_value": f"Enter {MOST_PLACES:,} places or fewer.",
            },
        }
        formfield_callback = limited_text(LONG_TEXT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        capacity = self.fields["capacity"]
        assert isinstance(capacity, forms.IntegerField)
        # In place of the database's own limit, whose figure means nothing to anyone.
        capacity.validators = [
            validator
            for validator in capacity.validators
            if not isinstance(validator, MaxValueValidator)
        ] + [MaxValueValidator(MOST_PLACES)]
        capacity.widget.attrs["max"] = MOST_PLACES

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end must be after the start.")
        if data.get("capacity") == 0:
            self.add_error("capacity", "Enter at least 1 place, or leave it empty for no limit.")
        return data
