"""Expected statuses for importing a past cohort: only the programme's staff may."""

from tests.permissions import Case, statuses

SLUG = {"slug": "leading-greater-essex"}

CASES = [
    Case(
        "imports:cohort_import",
        kwargs=lambda world: SLUG,
        expected=statuses(404, anonymous=302, staff=200, admin=200, facilitator=403),
    ),
    # An empty form is refused with its errors.
    Case(
        "imports:cohort_import",
        kwargs=lambda world: SLUG,
        method="post",
        expected=statuses(404, anonymous=302, staff=400, admin=400, facilitator=403),
    ),
    # With no file waiting in the session, staff are sent back to the upload form.
    Case(
        "imports:cohort_import_preview",
        kwargs=lambda world: SLUG,
        expected=statuses(404, anonymous=302, staff=302, admin=302, facilitator=403),
    ),
    Case(
        "imports:cohort_import_confirm",
        kwargs=lambda world: SLUG,
        method="post",
        data=lambda world: {"token": "none"},
        expected=statuses(404, anonymous=302, staff=302, admin=302, facilitator=403),
    ),
    Case(
        "imports:cohort_import_confirm",
        kwargs=lambda world: SLUG,
        expected=statuses(405, anonymous=302),
    ),
]
