"""Expected statuses for the home page and account pages."""

from tests.permissions import Case, statuses

CASES = [
    Case("home", expected=statuses(200, anonymous=302)),
    # Signed in, everyone is sent on: to the authenticator set-up, or home if they have one.
    Case("accounts:second_factor", expected=statuses(302)),
    Case("email_address", expected=statuses(200, anonymous=302)),
    Case(
        "accounts:tokens",
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, other_staff=200, facilitator=403
        ),
    ),
    Case(
        "accounts:revoke_token",
        kwargs=lambda world: {"pk": 999999},
        method="post",
        expected=statuses(404, anonymous=302, facilitator=403),
    ),
    # Microsoft sign-in is off unless MICROSOFT_CLIENT_ID is set, as in these tests; with it on,
    # tests/accounts/test_microsoft_sign_in.py walks the whole way in.
    Case("microsoft_login", expected=statuses(404)),
    Case("microsoft_login", method="post", expected=statuses(404)),
    Case("microsoft_callback", expected=statuses(404)),
]
