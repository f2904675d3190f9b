"""The API object that every app's router is added to."""

from ninja import NinjaAPI

from .auth import PersonalToken

api = NinjaAPI(
    title="Common Ground API",
    version="1",
    description="Read access to programmes, cohorts, people and attendance, scoped like the pages.",
    auth=PersonalToken(),
    urls_namespace="api",
)
