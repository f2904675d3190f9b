"""Expected statuses for Notify's delivery receipts, the failures list and text reminders."""

from tests.permissions import Case, statuses

CASES = [
    # Without NOTIFY_CALLBACK_TOKEN (as here) the receipt address does not exist for anyone;
    # tests/notify/test_delivery_receipts.py checks the token when it is set.
    Case("notify:delivery_receipt", method="post", expected=statuses(404)),
    # Programme staff of any programme, as they share the directory; facilitators read the
    # directory but do not correct addresses.
    Case(
        "notify:failures",
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, other_staff=200, facilitator=403
        ),
    ),
    # Hidden while no text template is set (as here); tests/notify/test_text_reminders.py
    # checks each role once it is offered.
    Case("notify:text_reminders", expected=statuses(404, anonymous=302)),
]
