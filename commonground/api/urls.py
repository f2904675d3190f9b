"""The API object that every app's router is added to."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from commonground.alumni.api import router as alumni_router
from commonground.challenges.api import router as challenges_router
from commonground.directory.api import router as directory_router
from commonground.evaluation.api import router as evaluation_router
from commonground.grouping.api import router as grouping_router
from commonground.initiatives.api import router as initiatives_router
from commonground.mentoring.api import router as mentoring_router
from commonground.programmes.api import router as programmes_router
from commonground.progression.api import router as progression_router
from commonground.recruitment.api import router as recruitment_router

from .auth import PersonalToken

api = NinjaAPI(
    title="Common Ground API",
    version="1",
    description="Read access to programmes, cohorts, people and attendance, scoped like the pages.",
    auth=PersonalToken(),
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


api.add_router("", alumni_router)
api.add_router("", challenges_router)
api.add_router("", directory_router)
api.add_router("", evaluation_router)
api.add_router("", grouping_router)
api.add_router("", mentoring_router)
api.add_router("", initiatives_router)
api.add_router("", programmes_router)
api.add_router("", progression_router)
api.add_router("", recruitment_router)
