"""Forms for applicants, sponsors, panel members and staff; each renders the GOV.UK way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.versions import VersionedForm
from commonground.directory.career import follow_up_field
from commonground.directory.models import Band, Organisation
from commonground.lib.govuk import needed_to_send
from commonground.lib.limits import DOCUMENT_TEXT, LONG_TEXT, TOO_LONG, limited_text

from .models import BalanceRule, EqualityResponse, Round
from .services import MARKS, check_deadline, default_deadline

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LINES_HINT = "One a line."


class ApplicantForm(forms.Form):
    first_name = forms.CharField(
        max_length=100, error_messages={"required": "Enter your first name."}
    )
    last_name = forms.CharField(
        max_length=100, error_messages={"required": "Enter your last name."}
    )
    email = forms.EmailField(
        label="Work email address",
        help_text="We make your account from this address and send your sign-in link to it.",
        error_messages={
            "required": "Enter your work email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label="Choose your organisation",
        error_messages={"required": "Choose the organisation you work for."},
    )
    job_title = forms.CharField(
        max_length=200, error_messages={"required": "Enter your job title."}
    )
    band = forms.ChoiceField(
        label="Seniority band",
        choices=[("", "Choose your band"), *Band.choices],
        error_messages={"required": "Choose your seniority band."},
    )

    def __init__(
        self, *args: Any, application_round: Round, fixed_email: str | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        eligible = application_round.eligible_organisations.all()
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = eligible if eligible.exists() else Organisation.objects.all()
        if fixed_email:
            del self.fields["email"]


class NominationForm(ApplicantForm):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].error_messages["required"] = "Enter their first name."
        self.fields["last_name"].error_messages["required"] = "Enter their last name."
        self.fields["email"].label = "Their work email address"
        self.fields["email"].help_text = "We send them the invitation to apply at this address."
        self.fields["email"].error_messages["required"] = "Enter their work email address."
        self.fields["job_title"].error_messages["required"] = "Enter their job title."


class ApplicationForm(forms.Form):
    """The questions, the statements, the challenge ranking, the sponsor and consent.

    Nothing is required while drafting; what a sent application needs is checked by the service.
    """

    sponsor_name = forms.CharField(
        label="Your sponsor's name",
        required=False,
        max_length=200,
        help_text="The senior leader who supports your application. We ask them to endorse it.",
    )
    sponsor_email = forms.EmailField(
        label="Your sponsor's email address",
        required=False,
        error_messages={"invalid": "Enter your sponsor's email address like name@example.org."},
    )
    consent = forms.BooleanField(
        label="I have read the privacy notice and agree to my application being used as it says",
        required=False,
    )

    def __init__(self, *args: Any, application_round: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for index, question in enumerate(application_round.questions):
            fields[f"answer_{index}"] = forms.CharField(
                label=question,
                required=False,
                max_length=LONG_TEXT,
                error_messages=TOO_LONG,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        for index, criterion in enumerate(application_round.criteria):
            fields[f"statement_{index}"] = forms.CharField(
                label=f"Your statement: {criterion}",
                required=False,
                max_length=LONG_TEXT,
                error_messages=TOO_LONG,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Give an example of what you did and what changed.",
            )
        places = [("", "Not ranked")] + [(str(n), str(n)) for n in range(1, 4)]
        for index, title in enumerate(application_round.challenges):
            fields[f"challenge_{index}"] = forms.ChoiceField(
                label=f"Your interest in “{title}”",
                choices=places,
                required=False,
                help_text="1 for the system challenge that interests you most; rank up to three.",
            )
        self.fields = {**fields, **self.fields}
        needed_to_send(*(f for name, f in self.fields.items() if not name.startswith("challenge_")))
        self.round = application_round

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ranks = [data.get(f"challenge_{i}") for i in range(len(self.round.challenges))]
        given = [rank for rank in ranks if rank]
        if len(given) != len(set(given)):
            raise ValidationError("Give each ranked challenge a different number.")
        return data

    def as_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        ranking = sorted(
            (int(data[f"challenge_{i}"]), title)
            for i, title in enumerate(self.round.challenges)
            if data.get(f"challenge_{i}")
        )
        return {
            "answers": {str(i): data[f"answer_{i}"] for i in range(len(self.round.questions))},
            "statements": {str(i): data[f"statement_{i}"] for i in range(len(self.round.criteria))},
            "challenge_ranking": [title for _, title in ranking],
            "sponsor_name": data["sponsor_name"],
            "sponsor_email": data["sponsor_email"],
            "consent": data["consent"],
        }

    @staticmethod
    def initial_for(application: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "sponsor_name": application.sponsor_name,
            "sponsor_email": application.sponsor_email,
            "consent": application.consent,
        }
        for key, value in application.answers.items():
            initial[f"answer_{key}"] = value
        for key, value in application.statements.items():
            initial[f"statement_{key}"] = value
        for rank, title in enumerate(application.challenge_ranking, start=1):
            if title in application.round.challenges:
                initial[f"challenge_{application.round.challenges.index(title)}"] = str(rank)
        return initial


class EndorseForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you support this application?",
        choices=[("endorse", "Yes, I support it"), ("decline", "No, I do not support it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you support the application."},
    )
    statement = forms.CharField(
        label="Your statement",
        required=False,
        max_length=LONG_TEXT,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences on why you support them and how you will back their time.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "endorse" and not data.get("statement", "").strip():
            self.add_error("statement", "Write a short statement of your support.")
        return data


class EqualityForm(forms.ModelForm[EqualityResponse]):
    class Meta:
        model = EqualityResponse
        fields = ["age_band", "sex", "ethnicity", "disability", "caring"]
        widgets = dict.fromkeys(fields, forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            assert isinstance(field, forms.ChoiceField)
            field.choices = [c for c in field.choices if c[0] != ""]  # type: ignore[union-attr,index,misc]


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Your comment for the moderation",
        required=False,
        max_length=LONG_TEXT,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, application_round: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        marks = [(str(n), str(n)) for n in MARKS]
        fields: dict[str, forms.Field] = {
            f"score_{i}": forms.TypedChoiceField(
                label=criterion,
                choices=marks,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text="1 shows little evidence, 5 strong evidence.",
            )
            for i, criterion in enumerate(application_round.criteria)
        }
        self.fields = {**fields, **self.fields}
        self.round = application_round

    def scores(self) -> dict[str, int]:
        return {
            str(i): self.cleaned_data[f"score_{i}"]
            for i in range(len(self.round.criteria))
            if self.cleaned_data.get(f"score_{i}") not in (None, "")
        }


class ModerateForm(forms.Form):
    moderated_score = forms.DecimalField(
        label="Moderated score",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text="Leave empty to use the panel's mean.",
        error_messages={"invalid": "Enter the score as a number, like 18.5."},
    )
    note = forms.CharField(
        label="Why",
        required=False,
        max_length=LONG_TEXT,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfferForm(forms.Form):
    """The answer to an offer; whoever accepts also answers the career record's privacy notice,
    which the page shows beside the question."""

    decision = forms.ChoiceField(
        label="Will you take up your place?",
        choices=[("accept", "Yes, I accept my place"), ("decline", "No, I decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you accept the place."},
    )
    follow_up = follow_up_field(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "accept" and cleaned.get("follow_up") is None:
            self.add_error(
                "follow_up",
                "Choose whether we may ask you once a year about your role, after the programme",
            )
        return cleaned


class LinesField(forms.CharField):
    """A list of text, one item a line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", LONG_TEXT)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = str(super().to_python(value) or "")
        # The length is of the text typed, not of the list it becomes.
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(
                TOO_LONG["max_length"],
                code="max_length",
                params={"limit_value": self.max_length, "show_value": len(text)},
            )
        return [line.strip() for line in text.splitlines() if line.strip()]


class RoundForm(VersionedForm[Round]):
    questions = LinesField(help_text=LINES_HINT, required=False)
    criteria = LinesField(label="Published criteria", help_text=LINES_HINT, required=False)
    challenges = LinesField(
        label="System challenges applicants may rank", help_text=LINES_HINT, required=False
    )
    eligible_bands = forms.MultipleChoiceField(
        label="Eligible seniority bands",
        choices=Band.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose none to let every band apply.",
    )

    class Meta:
        model = Round
        formfield_callback = limited_text(DOCUMENT_TEXT)
        fields = [
            "opens_at",
            "closes_at",
            "places",
            "introduction",
            "questions",
            "criteria",
            "challenges",
            "eligible_organisations",
            "eligible_bands",
            "privacy_notice",
            "offer_days",
            "waiting_list_size",
            "reminder_days",
            "retention_days",
        ]
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "eligible_organisations": forms.CheckboxSelectMultiple,
        }
        help_texts = {"eligible_organisations": "Choose none to let every organisation apply."}
        error_messages = {
            "opens_at": {"required": "Enter when applications open."},
            "closes_at": {"required": "Enter when applications close."},
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The closing time must be after the opening time.")
        return data


class RuleForm(forms.ModelForm[BalanceRule]):
    class Meta:
        model = BalanceRule
        fields = ["attribute", "value", "minimum", "maximum"]
        labels = {"attribute": "Count people by", "minimum": "At least", "maximum": "At most"}
        help_texts = {
            "value": "For example “Health and care” or “Southend”. Leave empty to apply the "
            "limit to each one (at most 3 from each organisation)."
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum"), data.get("maximum")
        if low is None and high is None:
            raise ValidationError("Give an at-least number, an at-most number, or both.")
        if low is not None and high is not None and low > high:
            self.add_error("maximum", "The at-most number must not be below the at-least number.")
        return data


class PanelMemberForm(forms.Form):
    email = forms.EmailField(
        label="Panel member's email address",
        help_text="They need an account already.",
        error_messages={"required": "Enter the panel member's email address."},
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                f"There is no account for {email}. Add them to the directory first."
            )
        return user


def _day(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y")


class EarlyForm(forms.Form):
    """The override a staff member gives to choose a cohort, or send offers, while the round is
    still open: a box whose label says what it means, and the reason, kept in the history."""

    early = forms.BooleanField()
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Say why this cannot wait until applications close."},
    )

    def __init__(self, *args: Any, application_round: Round, doing: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        closes = _day(application_round.closes_at)
        early = self.fields["early"]
        if doing == "offers":
            early.label = (
                f"Send offers before the round closes on {closes}: applications close today, so "
                "people who apply or are endorsed by their sponsor after today will not be "
                "considered in this selection"
            )
            self.fields["reason"].label = "Why the offers cannot wait until applications close"
        else:
            early.label = (
                f"Propose a cohort before the round closes on {closes}: people who apply or are "
                "endorsed by their sponsor after today will not be in this proposal"
            )
            self.fields["reason"].label = "Why the proposal cannot wait until applications close"
        early.error_messages["required"] = (
            f"Applications are open until {closes}. Tick the box to go ahead before they close, "
            "or come back once they have closed."
        )

    @property
    def early_reason(self) -> str:
        return str(self.cleaned_data.get("reason", "")).strip()


class OffersForm(EarlyForm):
    """Sending the offers: the day by which each must be answered, and, while the round is open,
    the override and its reason."""

    reply_by = forms.DateField(
        label="Reply by",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date by which people must accept or decline their offer.",
            "invalid": "Enter the reply date as a real date, for example 3 January 2027.",
        },
    )
    field_order = ["reply_by", "early", "reason"]

    def __init__(self, *args: Any, application_round: Round, **kwargs: Any) -> None:
        super().__init__(*args, application_round=application_round, doing="offers", **kwargs)
        self.round = application_round
        self.fields["reply_by"].help_text = (
            "Everyone offered a place must accept or decline by the end of this day. It must be "
            f"after applications close on {_day(application_round.closes_at)}."
        )
        self.fields["reply_by"].initial = timezone.localtime(
            default_deadline(application_round, timezone.now())
        ).date()
        if application_round.has_closed:
            del self.fields["early"]
            del self.fields["reason"]

    def clean_reply_by(self) -> dt.date:
        day: dt.date = self.cleaned_data["reply_by"]
        try:
            check_deadline(self.round, end_of(day), timezone.now())
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from error
        return day

    @property
    def deadline(self) -> dt.datetime:
        return end_of(self.cleaned_data["reply_by"])


def end_of(day: dt.date) -> dt.datetime:
    """The last minute of DAY where the programme is."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
