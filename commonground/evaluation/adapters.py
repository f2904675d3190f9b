"""Turns stored instruments and answers into the statistics library's plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.crypto import salted_hmac

from commonground.evaluation import stats

from .choices import LOOKED_BACK
from .models import Indicator, InstrumentVersion, SurveyResponse, Theme

# Names the use of the secret key, so a pseudonym is no other keyed hash of the same number.
PSEUDONYM_SALT = "commonground.evaluation.pseudonym"


def _scale(labels: list[str]) -> stats.Scale:
    return stats.Scale.likert(tuple(labels)) if labels else stats.Scale.percent()


def load_version(pk: int) -> InstrumentVersion:
    """A version with every question, in four queries."""
    return (
        InstrumentVersion.objects.select_related("instrument")
        .prefetch_related(
            Prefetch(
                "themes",
                Theme.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("indicators", Indicator.objects.order_by("position", "pk"))
                ),
            ),
            "statements",
            "free_text",
        )
        .get(pk=pk)
    )


def stats_instrument(version: InstrumentVersion) -> stats.Instrument:
    """The version as the statistics see it; prefetch (load_version) to keep queries fixed."""
    return stats.Instrument(
        title=version.instrument.title,
        themes=tuple(
            stats.Theme(
                id=theme.key,
                title=theme.title,
                indicators=tuple(
                    stats.Indicator(
                        id=i.key,
                        self_wording=i.self_wording,
                        rater_wording=i.rater_wording,
                        scale=_scale(i.scale_labels),
                    )
                    for i in theme.indicators.all()
                ),
            )
            for theme in version.themes.all()
        ),
        statements=tuple(
            stats.Statement(id=s.key, wording=s.wording, scale=_scale(s.scale_labels), kind=s.kind)
            for s in version.statements.all()
        ),
        free_text=tuple(
            stats.FreeTextQuestion(id=q.key, wording=q.wording) for q in version.free_text.all()
        ),
    )


def _numbers(values: dict[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in values.items() if v is not None}


def stats_responses(rows: Iterable[SurveyResponse]) -> list[stats.Response]:
    """One statistics row per stored response, plus the retrospective "before" of each end one.

    Unanswered responses stay in as rows without answers: they are the invitations not taken
    up, which the response rates count. Rows need `wave` and `enrolment__cohort` selected.
    """
    out = []
    for row in rows:
        out.extend(
            _as_stats(
                row.enrolment_id,
                row.wave.kind,
                row.rater_type,
                row.enrolment.cohort.name,
                row.submitted_at is not None,
                row.ratings,
                row.before_ratings,
                row.comments,
            )
        )
    return out


# What a report reads of each response; nothing else of the row leaves the database.
REPORT_FIELDS = (
    "enrolment_id",
    "wave__kind",
    "rater_type",
    "enrolment__cohort__name",
    "submitted_at",
    "ratings",
    "before_ratings",
    "comments",
)


def streamed_responses(
    rows: QuerySet[SurveyResponse], chunk_size: int = 2000
) -> Iterator[stats.Response]:
    """The rows of `stats_responses`, read from the database a chunk at a time.

    Only the columns a report needs are read, and no row outlives its turn, so memory stays
    the same however many answers there are.
    """
    found = rows.values_list(*REPORT_FIELDS).iterator(chunk_size=chunk_size)
    for who, kind, rater, cohort, submitted, ratings, before, comments in found:
        yield from _as_stats(
            who, kind, rater, cohort, submitted is not None, ratings, before, comments
        )


def _as_stats(
    enrolment_id: int,
    wave: str,
    rater_type: str,
    cohort: str,
    answered: bool,
    ratings: dict[str, Any],
    before_ratings: dict[str, Any],
    comments: dict[str, Any],
) -> list[stats.Response]:
    who = str(enrolment_id)
    out = [
        stats.Response(
            respondent=who,
            wave=wave,
            rater_type=rater_type,
            cohort=cohort,
            ratings=_numbers(ratings) if answered else {},
            comments=dict(comments) if answered else {},
        )
    ]
    if answered and before_ratings:
        out.append(stats.Response(who, LOOKED_BACK, rater_type, cohort, _numbers(before_ratings)))
    return out


def pseudonym(enrolment_id: int) -> str:
    """A stable code for a participant that nobody without the secret key can turn back."""
    digest = salted_hmac(PSEUDONYM_SALT, str(enrolment_id), algorithm="sha256")
    return "P-" + digest.hexdigest()[:10].upper()
