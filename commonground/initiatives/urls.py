"""Pages of the initiatives app: initiatives, their indicators and values, stories and consent."""

from django.urls import path

from .views import indicators, initiatives, stories

app_name = "initiatives"
urlpatterns = [
    path("initiatives/", initiatives.index, name="index"),
    path(
        "programmes/<slug:slug>/initiatives/new/",
        initiatives.initiative_new,
        name="initiative_new",
    ),
    path("initiatives/<int:pk>/", initiatives.initiative, name="initiative"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/indicators/new/", indicators.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", indicators.indicator, name="indicator"),
    path("indicators/<int:pk>/values/new/", indicators.value_new, name="value_new"),
    path("indicators/<int:pk>/values/import/", indicators.values_import, name="values_import"),
    path("initiatives/<int:pk>/stories/new/", stories.story_new, name="story_new"),
    path("stories/<int:pk>/", stories.story, name="story"),
    path("stories/<int:pk>/edit/", stories.story_edit, name="story_edit"),
    path("stories/<int:pk>/consent/", stories.story_consent, name="story_consent"),
]
