"""Request types for pages that require a signed-in user."""

from django.http import HttpRequest

from commonground.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """What a view behind `login_required` receives: `user` is a real account."""

    user: User
