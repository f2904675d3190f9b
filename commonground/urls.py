"""Every URL of the site; each app owns its own patterns."""

from django.contrib import admin
from django.urls import include, path

from commonground.accounts import entra
from commonground.accounts.email_address import email_address
from commonground.api.urls import api
from commonground.lib import errors
from commonground.lib.unavailable import server_error
from commonground.programmes.views.home import home

urlpatterns = [
    path("", home, name="home"),
    # Before the sign-in library's pages: its page for adding and switching addresses is not served.
    path("accounts/email/", email_address, name="email_address"),
    # Before allauth's own Microsoft routes, which these replace with the partner checks.
    path("accounts/microsoft/login/", entra.login_view, name="microsoft_login"),
    path("accounts/microsoft/login/callback/", entra.callback_view, name="microsoft_callback"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("commonground.accounts.urls")),
    path("", include("commonground.exports.urls")),
    path("", include("commonground.directory.urls")),
    path("", include("commonground.programmes.imports.urls")),
    path("", include("commonground.programmes.urls")),
    path("", include("commonground.grouping.urls")),
    path("", include("commonground.challenges.urls")),
    path("", include("commonground.evaluation.urls")),
    path("", include("commonground.recruitment.urls")),
    path("", include("commonground.progression.urls")),
    path("", include("commonground.mentoring.urls")),
    path("", include("commonground.initiatives.urls")),
    path("", include("commonground.alumni.urls")),
    path("", include("commonground.notify.urls")),
    path("", include("commonground.privacy.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico where a page names no icon (a PDF, the API's JSON).
    path("favicon.ico", errors.favicon),
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = server_error
