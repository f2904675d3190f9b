"""Writes to recruitment records, one module per stage: applying, endorsing, the panel,
selection, offers and retention.

Every function validates first and raises ValidationError with a plain message, so a bad input
changes nothing; writes happen inside one transaction and leave audit entries; emails are queued
as background tasks once the transaction commits. The public names are gathered here, so callers
write `services.submit(...)` whichever stage a function belongs to.
"""

from commonground.lib.once import AlreadyDone

from .applying import (
    CONTINUE_HOURS,
    Applicant,
    LinkRefused,
    apply_by_email,
    check_may_apply,
    continue_link_problem,
    eligibility_problem,
    find_continue_link,
    may_sign_in_by_link,
    missing_parts,
    nominate,
    request_application,
    save_draft,
    save_equality,
    send_continue_link,
    start_application,
    submit,
    use_continue_link,
)
from .endorsing import (
    MAX_REMINDERS,
    find_endorsement,
    respond_to_endorsement,
    send_sponsor_reminders,
)
from .monitoring import equality_counts
from .notify import staff_emails
from .offers import (
    OfferExpired,
    Promoted,
    ask_to_be_considered_next_year,
    close_waiting_list,
    expire_offers,
    make_offer,
    promote_from_waiting_list,
    respond_to_offer,
    withdraw,
)
from .panel import (
    MARKS,
    ReviewsSeen,
    engine_rules,
    moderate,
    panel_score,
    problem_for,
    reviews_seen_by,
    save_review,
    score_of,
)
from .retention import anonymise, anonymise_due, held_data, housekeeping
from .selection import change_proposal, confirm_proposal, propose, selectable, unscored

__all__ = [
    "CONTINUE_HOURS",
    "MARKS",
    "MAX_REMINDERS",
    "AlreadyDone",
    "Applicant",
    "LinkRefused",
    "OfferExpired",
    "Promoted",
    "ReviewsSeen",
    "anonymise",
    "anonymise_due",
    "apply_by_email",
    "ask_to_be_considered_next_year",
    "change_proposal",
    "check_may_apply",
    "close_waiting_list",
    "confirm_proposal",
    "continue_link_problem",
    "eligibility_problem",
    "engine_rules",
    "equality_counts",
    "expire_offers",
    "find_continue_link",
    "find_endorsement",
    "held_data",
    "housekeeping",
    "make_offer",
    "may_sign_in_by_link",
    "missing_parts",
    "moderate",
    "nominate",
    "panel_score",
    "problem_for",
    "promote_from_waiting_list",
    "propose",
    "request_application",
    "respond_to_endorsement",
    "respond_to_offer",
    "reviews_seen_by",
    "save_draft",
    "save_equality",
    "save_review",
    "score_of",
    "selectable",
    "send_continue_link",
    "send_sponsor_reminders",
    "staff_emails",
    "start_application",
    "submit",
    "unscored",
    "use_continue_link",
    "withdraw",
]
