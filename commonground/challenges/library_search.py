"""Which challenges the library shows for its filters; its export reads the same ones."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from commonground.programmes.models import Programme

from .forms import LibraryFilter
from .models import Challenge


def filtered_challenges(programme: Programme, form: LibraryFilter) -> QuerySet[Challenge]:
    challenges = Challenge.objects.filter(programme=programme)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            words = data["q"].split()
            for word in words:
                challenges = challenges.filter(
                    Q(title__icontains=word)
                    | Q(problem_statement__icontains=word)
                    | Q(outcomes__icontains=word)
                    | Q(teams__showcase__outcomes_summary__icontains=word)
                )
        if data["theme"]:
            challenges = challenges.filter(theme=data["theme"])
        if data["year"]:
            challenges = challenges.filter(cohort_id=data["year"])
        if data["status"]:
            challenges = challenges.filter(status=data["status"])
    return (
        challenges.distinct()
        .select_related("cohort", "owner__organisation")
        .order_by("-cohort__starts_on", "title", "pk")
    )
