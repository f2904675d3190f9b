"""Forms for a grouping's settings and rules, keep-apart pairs, and moving a person by hand."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.template.defaultfilters import pluralize

from commonground.programmes.models import Enrolment

from .inputs import isolation_choices
from .models import Group, Grouping, Kind, PairKind

MODE_CHOICES = [
    ("hard", "Always: no two alike in a group"),
    ("weighted", "As evenly as possible"),
    ("off", "Do not consider"),
]
ORGANISATION_MODES = [
    ("hard", "Always keep colleagues apart"),
    ("weighted", "Keep colleagues apart where possible"),
    ("off", "Do not consider"),
]
WEIGHT_ERRORS = {
    "invalid": "Enter a weight as a number, like 1 or 2.5.",
    "min_value": "A weight must be between 0.1 and 10.",
    "max_value": "A weight must be between 0.1 and 10.",
}


def _weight(label: str) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        initial=1.0,
        min_value=0.1,
        max_value=10,
        help_text="How much it counts against the other rules: 1 is usual, 2 counts double",
        error_messages={"required": "Enter a weight, like 1.", **WEIGHT_ERRORS},
    )


class GroupingForm(forms.Form):
    """A grouping's kind, sizes and rules, with the defaults most programmes start from."""

    name = forms.CharField(
        max_length=200,
        help_text="For example: Learning sets, autumn term",
        error_messages={"required": "Enter a name for the grouping."},
    )
    kind = forms.ChoiceField(
        label="What are you forming?",
        choices=Kind.choices,
        initial=Kind.LEARNING_SETS,
        widget=forms.RadioSelect,
        help_text="Challenge teams use the cohort's challenges and participants' ranked choices",
        error_messages={"required": "Choose what you are forming."},
    )
    group_count = forms.IntegerField(
        label="Number of groups",
        required=False,
        min_value=1,
        max_value=200,
        help_text="Give the number of groups or a group size; not needed for challenge teams",
        error_messages={
            "invalid": "Enter the number of groups as a whole number, like 8.",
            "min_value": "There must be at least 1 group.",
            "max_value": "There can be at most 200 groups.",
        },
    )
    target_size = forms.IntegerField(
        label="Group size",
        required=False,
        min_value=2,
        max_value=100,
        help_text="About how many people in each group, if you did not give a number of groups",
        error_messages={
            "invalid": "Enter the group size as a whole number, like 6.",
            "min_value": "A group needs at least 2 people.",
            "max_value": "A group can have at most 100 people.",
        },
    )
    rounds = forms.IntegerField(
        label="Rounds",
        initial=3,
        min_value=1,
        max_value=12,
        help_text="For a mixing plan: how many times the groups change over the year",
        error_messages={
            "required": "Enter the number of rounds, like 3.",
            "invalid": "Enter the number of rounds as a whole number, like 3.",
            "min_value": "A mixing plan needs at least 1 round.",
            "max_value": "A mixing plan can have at most 12 rounds.",
        },
    )
    organisation = forms.ChoiceField(
        label="Colleagues from the same organisation",
        choices=ORGANISATION_MODES,
        initial="hard",
        widget=forms.RadioSelect,
    )
    sector = forms.ChoiceField(
        label="Mix sectors", choices=MODE_CHOICES, initial="weighted", widget=forms.RadioSelect
    )
    sector_weight = _weight("Weight of mixing sectors")
    area = forms.ChoiceField(
        label="Mix areas (Essex, Southend, Thurrock)",
        choices=MODE_CHOICES,
        initial="weighted",
        widget=forms.RadioSelect,
    )
    area_weight = _weight("Weight of mixing areas")
    band = forms.ChoiceField(
        label="Mix seniority bands",
        choices=MODE_CHOICES,
        initial="weighted",
        widget=forms.RadioSelect,
    )
    band_weight = _weight("Weight of mixing seniority bands")
    balance_seniority = forms.BooleanField(
        label="Balance seniority: each group's average band close to the cohort's",
        required=False,
        initial=True,
    )
    not_alone = forms.ChoiceField(
        label="Nobody is the only one of",
        required=False,
        help_text="For example a sector with few people in the cohort: they are placed in twos "
        "or not at all, where possible",
    )
    not_alone_hard = forms.BooleanField(
        label="Make this a rule that must always hold", required=False
    )
    seed = forms.IntegerField(
        label="Seed",
        initial=1,
        min_value=0,
        max_value=2**31 - 1,
        help_text="The same seed and rules give the same groups; change it to see another",
        error_messages={
            "required": "Enter a seed, like 1.",
            "invalid": "Enter the seed as a whole number, like 1.",
            "min_value": "The seed must be 0 or more.",
            "max_value": "The seed must be less than 2147483648.",
        },
    )
    time_limit = forms.IntegerField(
        label="Time limit in seconds",
        initial=10,
        min_value=1,
        max_value=300,
        help_text="How long the search may run; 10 seconds is plenty for one cohort",
        error_messages={
            "required": "Enter a time limit, like 10.",
            "invalid": "Enter the time limit as a whole number of seconds, like 10.",
            "min_value": "The time limit must be at least 1 second.",
            "max_value": "The time limit can be at most 300 seconds.",
        },
    )

    def __init__(self, *args: Any, enrolments: Sequence[Enrolment] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = len(enrolments)
        not_alone = self.fields["not_alone"]
        assert isinstance(not_alone, forms.ChoiceField)
        not_alone.choices = [("", "No such rule"), *isolation_choices(enrolments)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        count, size = data.get("group_count"), data.get("target_size")
        if kind != Kind.CHALLENGE_TEAMS and not count and not size:
            self.add_error("group_count", "Enter the number of groups or a group size.")
        if count and size:
            self.add_error("target_size", "Give the number of groups or a group size, not both.")
        if count and self.people and count > self.people:
            self.add_error(
                "group_count",
                f"There are {self.people} participants to group: choose at most "
                f"{self.people} group{pluralize(self.people)}.",
            )
        if kind != Kind.MIXING_PLAN:
            data["rounds"] = 1
        return data

    def settings(self) -> dict[str, Any]:
        """The grouping's fields, with the rules as the JSON the grouping keeps."""
        data = self.cleaned_data
        spread = {"organisation": {"mode": data["organisation"], "weight": 1.0}}
        for name in ("sector", "area", "band"):
            spread[name] = {"mode": data[name], "weight": data[f"{name}_weight"]}
        rules: dict[str, Any] = {
            "spread": spread,
            "balance": [{"attribute": "seniority", "hard": False, "weight": 1.0, "tolerance": None}]
            if data["balance_seniority"]
            else [],
            "do_not_isolate": [],
        }
        if data.get("not_alone"):
            attribute, value = data["not_alone"].split(":", 1)
            rules["do_not_isolate"] = [
                {
                    "attribute": attribute,
                    "value": value,
                    "hard": data["not_alone_hard"],
                    "weight": 1.0,
                }
            ]
        is_challenge = data["kind"] == Kind.CHALLENGE_TEAMS
        return {
            "name": data["name"],
            "kind": data["kind"],
            "group_count": None if is_challenge else data.get("group_count"),
            "target_size": None if is_challenge else data.get("target_size"),
            "rounds": data["rounds"],
            "rules": rules,
            "seed": data["seed"],
            "time_limit": data["time_limit"],
        }


def initial_from(grouping: Grouping) -> dict[str, Any]:
    """The form's values for a saved grouping, so its rules can be changed and run again."""
    spread = grouping.rules.get("spread", {})
    initial: dict[str, Any] = {
        "name": grouping.name,
        "kind": grouping.kind,
        "group_count": grouping.group_count,
        "target_size": grouping.target_size,
        "rounds": grouping.rounds,
        "seed": grouping.seed,
        "time_limit": grouping.time_limit,
        "balance_seniority": bool(grouping.rules.get("balance")),
    }
    for name in ("organisation", "sector", "area", "band"):
        setting = spread.get(name, {"mode": "off", "weight": 1.0})
        initial[name] = setting.get("mode", "off")
        initial[f"{name}_weight"] = setting.get("weight", 1.0)
    isolate = grouping.rules.get("do_not_isolate") or []
    if isolate:
        initial["not_alone"] = f"{isolate[0]['attribute']}:{isolate[0]['value']}"
        initial["not_alone_hard"] = bool(isolate[0].get("hard"))
    return initial


def _enrolment_choice(
    enrolments: Sequence[Enrolment], label: str, message: str
) -> forms.ChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=[("", "Choose a person")]
        + [
            (
                e.pk,
                f"{e.person.name}, {e.person.organisation.label}"
                if e.person.organisation
                else e.person.name,
            )
            for e in enrolments
        ],
        error_messages={"required": message},
    )


class PairForm(forms.Form):
    """Two participants to keep apart (a line manager and their report) or together."""

    kind = forms.ChoiceField(
        label="Rule", choices=PairKind.choices, initial=PairKind.APART, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason",
        max_length=200,
        required=False,
        help_text="For example: line manager and report",
    )

    def __init__(self, *args: Any, enrolments: Sequence[Enrolment] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enrolments = {e.pk: e for e in enrolments}
        self.fields["first"] = _enrolment_choice(
            enrolments, "First person", "Choose the first person."
        )
        self.fields["second"] = _enrolment_choice(
            enrolments, "Second person", "Choose the second person."
        )
        self.order_fields(["first", "second", "kind", "reason"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", "Choose two different people.")
        return data


class MoveForm(forms.Form):
    """Where to move one person in one round, and whether a re-run keeps them there."""

    group = forms.TypedChoiceField(
        label="Move to",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the group to move them to."},
    )
    pinned = forms.BooleanField(
        label="Pin them there, so a re-run keeps them in this group", required=False, initial=True
    )

    def __init__(
        self, *args: Any, groups: Sequence[Group] = (), pinnable: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ChoiceField)
        group.choices = [(g.pk, g.name) for g in groups]
        if not pinnable:
            del self.fields["pinned"]
