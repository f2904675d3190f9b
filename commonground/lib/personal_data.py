"""What every app holds about one person, registered by the app that owns the records; the
privacy app's subject access export and erasure read it.

An app registers a `Holding` from its `AppConfig.ready()`: a kind of record, why it is kept, the
models it covers, and a function that returns one person's rows. The subject access export reads
every holding; a test fails when a model with personal data is neither covered by a holding nor
named in `EXCLUDED` with its reason, so a new model cannot be left out of an export unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models

Row = dict[str, Any]
# A directory person; named loosely because this registry sits below the directory, so that the
# directory and the apps below it can register what they hold.
Person = Any


@dataclass(frozen=True)
class Holding:
    """One kind of record held about a person.

    `key` ("directory.posts") names the kind's files in the ZIP; `rows(person)` returns the rows
    with plain-word column names, in a fixed number of queries. Secrets (passwords, tokens,
    second-factor keys) never appear in a row, and nor does anyone else's identity where the
    person may not know it (a rater's name): those are given as aggregates.
    """

    key: str
    app: str
    title: str
    purpose: str
    covers: tuple[type[models.Model], ...]
    rows: Callable[[Person], list[Row]]
    # On an erasure request: `erase(person)` removes or anonymises the records and says how
    # many; `kept_because` says why they are kept instead (a legal duty). With neither, the
    # records stay as they are, joined to a person who no longer has a name.
    erase: Callable[[Person], int] | None = None
    kept_because: str = ""


_holdings: dict[str, Holding] = {}

# Models that name a person or an account but are not exported, each with the reason. Keyed by
# model label ("exports.Export") because these are facts about models, not code to run.
EXCLUDED: dict[str, str] = {
    # Files a user asked for are deleted after EXPORTS_KEEP_HOURS; the request to make one is in
    # the audit log, which the export covers.
    "exports.Export": "temporary files, deleted within hours; requests are in the audit log",
    # Staff's working records naming only who made them; the audit log records the same change.
    "grouping.Grouping": "a staff working record; who made it is in the audit log",
    "challenges.TeamLink": "a link added to a team's page; who added it is in the audit log",
    "recruitment.Proposal": "a selection proposal; who made it is in the audit log",
    "privacy.RetentionRun": "a run of the retention job; who started it is in the audit log",
    # Sign-in tokens from a partner's Microsoft account are never stored
    # (SOCIALACCOUNT_STORE_TOKENS is off), so this table stays empty.
    "socialaccount.SocialToken": "never written: sign-in tokens are not stored",
    # A name typed into a story with its consent: it matches no directory record, so the story's
    # author answers for it; the stories a person wrote are exported.
    "initiatives.NamedPerson": "a name in a story, linked to no directory record",
}


def register(holding: Holding) -> None:
    """Add one kind of record to every subject access export."""
    if holding.key in _holdings:
        raise ImproperlyConfigured(f"A holding named {holding.key!r} is already registered.")
    _holdings[holding.key] = holding


def holdings() -> list[Holding]:
    """Every registered kind, in the summary's order: by app, then by title."""
    return sorted(_holdings.values(), key=lambda holding: (holding.app, holding.key))


def covered_models() -> set[type[models.Model]]:
    return {model for holding in _holdings.values() for model in holding.covers}
