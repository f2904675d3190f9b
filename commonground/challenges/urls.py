"""Pages of the challenges app: challenges, rankings, teams, the 100-day plan, the library."""

from django.urls import path

from .views import challenges, library, teams

app_name = "challenges"
urlpatterns = [
    path("challenges/", library.index, name="index"),
    path("programmes/<slug:slug>/challenges/", library.library, name="library"),
    path(
        "programmes/<slug:slug>/challenges.<str:fmt>",
        library.library_export,
        name="library_export",
    ),
    path("cohorts/<int:pk>/challenges/", challenges.cohort_challenges, name="cohort_challenges"),
    path("cohorts/<int:pk>/challenges/new/", challenges.challenge_new, name="challenge_new"),
    path("cohorts/<int:pk>/challenges/rank/", challenges.rank, name="rank"),
    path("challenges/<int:pk>/", challenges.challenge, name="challenge"),
    path("challenges/<int:pk>/edit/", challenges.challenge_edit, name="challenge_edit"),
    path("challenges/<int:pk>/teams/new/", teams.team_new, name="team_new"),
    path("teams/<int:pk>/", teams.team, name="team"),
    path("teams/<int:pk>/edit/", teams.team_edit, name="team_edit"),
    path("teams/<int:pk>/updates/", teams.update_new, name="update_new"),
    path("teams/<int:pk>/links/", teams.link_new, name="link_new"),
    path("teams/<int:pk>/showcase/", teams.showcase_edit, name="showcase_edit"),
    path("milestones/<int:pk>/", teams.milestone_edit, name="milestone_edit"),
]
