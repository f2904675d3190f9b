"""Staff import people's posts from a CSV or XLSX file: each row one post of one person already
in the directory, checked with the cohort import's reader and its line-and-column problems, shown
line by line, and written all together or not at all.

As when a person records a new role themselves, a post with no end date closes the posts the
person still holds that started before it: they end the day before it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.directory.career import follow_latest_post
from commonground.directory.ladder import ladder_for, load_examples, suggest_band
from commonground.directory.models import Band, BandSource, Organisation, Person, Post
from commonground.programmes.imports.parsing import Problem, Row, read_file
from commonground.programmes.imports.validation import (
    cell_date,
    did_you_mean,
    match_choice,
    max_length,
    text,
)
from commonground.programmes.models import Programme

REQUIRED = ("email", "organisation", "title", "started_on")
OPTIONAL = ("band", "ended_on")


@dataclass
class PlannedPost:
    """One line of the file: the post it adds, the band the title suggests beside the band the
    line gives, and the posts it closes."""

    line: int
    post: Post
    given_band: str | None
    suggested_band: str | None
    band_label: str = ""
    suggested_label: str = ""
    closes: list[Post] = field(default_factory=list)


@dataclass
class PostImport:
    """The posts a file would add, or every problem that stops it."""

    lines: list[PlannedPost] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def posts(self) -> list[Post]:
        return [planned.post for planned in self.lines]

    @property
    def suggested(self) -> int:
        return sum(planned.given_band is None for planned in self.lines)

    @property
    def closed(self) -> int:
        return sum(len(planned.closes) for planned in self.lines)


class _Checker:
    def __init__(self, rows: list[Row], programme: Programme) -> None:
        self.rows = rows
        self.result = PostImport()
        emails = {text(row.cells.get("email")).lower() for row in rows}
        self.people = {
            person.email: person
            for person in Person.objects.annotate(lower=Lower("email")).filter(lower__in=emails)
        }
        self.organisations: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            self.organisations[organisation.name.casefold()] = organisation
            if organisation.short_name:
                self.organisations.setdefault(organisation.short_name.casefold(), organisation)
        # The importing programme's ladder places the posts: its examples and its words.
        self.examples = load_examples(programme.pk)
        self.labels = ladder_for(programme.pk).labels
        held = list(
            Post.objects.filter(person__in=self.people.values()).select_related("organisation")
        )
        self.existing = {
            (post.person_id, post.organisation_id, post.title.casefold(), post.started_on)
            for post in held
        }
        self.current = [post for post in held if post.ended_on is None]
        self.today = timezone.localdate()

    def problem(self, row: Row, column: str | None, reason: str) -> None:
        self.result.problems.append(Problem(row.line, column, reason))

    def check(self) -> PostImport:
        for row in self.rows:
            self._row(row)
        if self.result.problems:
            self.result.lines = []
        else:
            self._close_earlier_posts()
        return self.result

    def _close_earlier_posts(self) -> None:
        """Each person's latest open post in the file closes the posts they hold that started
        before it, in the directory and earlier in the file."""
        latest: dict[int, PlannedPost] = {}
        for planned in self.result.lines:
            post = planned.post
            if post.ended_on is None:
                before = latest.get(post.person_id)
                if before is None or post.started_on > before.post.started_on:
                    latest[post.person_id] = planned
        for planned in latest.values():
            new = planned.post
            ends = new.started_on - dt.timedelta(days=1)
            earlier = [
                post
                for post in self.current + [p.post for p in self.result.lines if p is not planned]
                if post.person_id == new.person_id
                and post.ended_on is None
                and post.started_on < new.started_on
                and not post.held_alongside
            ]
            for post in earlier:
                post.ended_on = ends
            planned.closes = earlier

    def _row(self, row: Row) -> None:
        person = self._person(row)
        organisation = self._organisation(row)
        title = self._title(row)
        started = self._date(row, "started_on")
        ended = self._date(row, "ended_on")
        if started is None and not text(row.cells.get("started_on")):
            self.problem(row, "started_on", "give the date the post started")
        if started and started > self.today:
            self.problem(row, "started_on", "the post cannot start in the future")
        if started and ended and ended < started:
            self.problem(row, "ended_on", "the post cannot end before it starts")
        given, suggested = self._band(row, title, organisation)
        # A band the line gives wrongly is a problem, not a reason to use the suggestion.
        band = given if text(row.cells.get("band")) else suggested
        if not (person and organisation and title and started and band):
            return
        key = (person.pk, organisation.pk, title.casefold(), started)
        if key in self.existing:
            self.problem(row, None, f"{person.name} already has this post in the directory")
            return
        self.existing.add(key)
        post = Post(
            person=person,
            organisation=organisation,
            title=title,
            band=band,
            band_source=BandSource.STATED if given else BandSource.SUGGESTED,
            started_on=started,
            ended_on=ended,
        )
        self.result.lines.append(
            PlannedPost(
                row.line,
                post,
                given,
                suggested,
                band_label=self.labels.get(band, ""),
                suggested_label=self.labels.get(suggested or "", ""),
            )
        )

    def _person(self, row: Row) -> Person | None:
        email = text(row.cells.get("email")).lower()
        if not email:
            self.problem(row, "email", "give the person's email address")
            return None
        person = self.people.get(email)
        if person is None:
            self.problem(row, "email", f"nobody in the directory has the email address '{email}'")
        return person

    def _organisation(self, row: Row) -> Organisation | None:
        name = text(row.cells.get("organisation"))
        if not name:
            self.problem(row, "organisation", "give the organisation")
            return None
        organisation = self.organisations.get(name.casefold())
        if organisation is None:
            hint = did_you_mean(name, [o.name for o in self.organisations.values()])
            self.problem(
                row,
                "organisation",
                f"'{name}' is not an organisation in the directory{hint}; add it there first",
            )
        return organisation

    def _title(self, row: Row) -> str:
        title = text(row.cells.get("title"))
        limit = max_length(Post, "title")
        if not title:
            self.problem(row, "title", "give the job title")
        elif len(title) > limit:
            self.problem(row, "title", f"the job title is longer than {limit} characters")
            return ""
        return title

    def _band(
        self, row: Row, title: str, organisation: Organisation | None
    ) -> tuple[str | None, str | None]:
        """The band the line gives, if any, and the band its title suggests."""
        sector = organisation.sector if organisation else ""
        suggested = suggest_band(title, sector, self.examples) if title else None
        given = text(row.cells.get("band"))
        if given:
            band = match_choice(given, Band) or self._rung(given)
            if band is None:
                labels = ", ".join(self.labels.values())
                self.problem(row, "band", f"'{given}' is not a band; use one of: {labels}")
            return band, suggested
        if title and suggested is None:
            self.problem(
                row, "band", f"the band cannot be told from the title '{title}'; give the band"
            )
        return None, suggested

    def _rung(self, given: str) -> str | None:
        """A band named in the programme's own words."""
        named = {label.casefold(): band for band, label in self.labels.items()}
        return named.get(given.casefold())

    def _date(self, row: Row, column: str) -> dt.date | None:
        found = cell_date(row.cells.get(column))
        if isinstance(found, str):
            self.problem(row, column, found)
            return None
        return found


def check_file(programme: Programme, content: bytes) -> PostImport:
    """Read and check the file; nothing is written."""
    parsed = read_file(content, REQUIRED, OPTIONAL)
    if parsed.problems:
        return PostImport(problems=parsed.problems)
    return _Checker(parsed.rows, programme).check()


def import_posts(programme: Programme, content: bytes, by: User) -> PostImport:
    """Check the file again and add every post in one transaction, or none if any row is wrong."""
    with transaction.atomic():
        result = check_file(programme, content)
        if result.problems:
            return result
        for planned in result.lines:
            for held in planned.closes:
                if held.pk is not None:
                    with audited(by, held, "directory.post.changed", already_changed=True):
                        held.save()
        for post in result.posts:
            with audited(by, post, "directory.post.created"):
                post.save()
        for person in {post.person_id: post.person for post in result.posts}.values():
            follow_latest_post(person, by)
        record_changes(
            by,
            programme,
            "progression.posts.imported",
            {
                "posts": [None, len(result.posts)],
                "bands suggested": [None, result.suggested],
                "posts closed": [None, result.closed],
            },
        )
    return result
