"""Every export the site offers, registered by name by the app that owns its rows.

An app registers a `prepare(request, params)` function from its `AppConfig.ready()`. It checks
that the request's user may have the export (raising 404 or 403 as the app's pages do) and
returns a `Sheet` whose rows are not read yet: the page that asks calls it only for that check,
the background run calls it again (the user may have lost access meanwhile) and reads the rows,
and the download calls it once more before handing over the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from commonground.lib.exports import Progress

Params = dict[str, str]


@dataclass
class Sheet:
    """What one export holds. `count`, `headers` (when a function) and `rows` run only in the
    background, in that order.

    `rows` is an iterator read once, row by row (a generator or a queryset's `.iterator()`),
    never a list built first; `count` says how many rows to expect, for the progress bar.
    `headers` is a function when the columns depend on the data (a cohort's completion rules).
    `write`, when given, writes the whole file itself (a ZIP of several tables), saying how far
    it has got against `count`; `headers` and `rows` are then not read.
    """

    title: str
    filename: str
    headers: Sequence[str] | Callable[[], Sequence[str]]
    rows: Callable[[], Iterable[Sequence[Any]]]
    count: Callable[[], int | None] = lambda: None
    write: Callable[[Path, Progress], None] | None = None


Prepare = Callable[[HttpRequest, Params], Sheet]


@dataclass(frozen=True)
class ExportKind:
    name: str
    prepare: Prepare
    formats: tuple[str, ...] = ("csv", "xlsx")


_kinds: dict[str, ExportKind] = {}


def register(name: str, prepare: Prepare, formats: tuple[str, ...] = ("csv", "xlsx")) -> None:
    """Offer an export named `name` ("<app>.<what>"), in `formats`."""
    if name in _kinds:
        raise ImproperlyConfigured(f"An export named {name!r} is already registered.")
    _kinds[name] = ExportKind(name, prepare, formats)


def kind(name: str) -> ExportKind:
    found = _kinds.get(name)
    if found is None:
        raise ImproperlyConfigured(f"No export is registered as {name!r}.")
    return found
