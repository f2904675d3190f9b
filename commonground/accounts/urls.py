"""Pages for a signed-in person's own account settings."""

from django.urls import path

from . import second_factor, views

app_name = "accounts"
urlpatterns = [
    path("second-factor/", second_factor.start, name="second_factor"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke_token"),
]
