"""Pages for organisations and people."""

from django.urls import path

from .views import career, ladder, organisations, people, posts

app_name = "directory"
urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisations"),
    path(
        "organisations/export.<str:fmt>/",
        organisations.organisation_export,
        name="organisations_export",
    ),
    path("organisations/names/", organisations.organisation_names, name="organisation_names"),
    path("organisations/new/", organisations.organisation_new, name="organisation_new"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("people/", people.person_list, name="people"),
    path("people/export.<str:fmt>/", people.person_export, name="people_export"),
    path("people/cohort-names/", people.cohort_names, name="cohort_names"),
    path("people/new/", people.person_new, name="person_new"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/posts/new/", posts.post_new, name="post_new"),
    path("my-role/", career.my_post, name="my_post"),
    path("my-career/", career.my_career, name="my_career"),
    path("my-career/choice/", career.my_career_choice, name="my_career_choice"),
    path("my-career/posts/new/", career.my_post_add, name="my_post_add"),
    path("my-career/posts/<int:pk>/", career.my_post_edit, name="my_post_edit"),
    path("still-in-role/<str:token>/", career.still_in_role, name="still_in_role"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("programmes/<slug:slug>/ladder/", ladder.ladder, name="ladder"),
    path("programmes/<slug:slug>/ladder/rungs/<str:band>/", ladder.rung_edit, name="ladder_rung"),
    path(
        "programmes/<slug:slug>/ladder/examples/new/",
        ladder.example_add,
        name="ladder_example_add",
    ),
    path(
        "programmes/<slug:slug>/ladder/examples/<int:pk>/",
        ladder.example_edit,
        name="ladder_example",
    ),
    path(
        "programmes/<slug:slug>/ladder/examples/<int:pk>/remove/",
        ladder.example_remove,
        name="ladder_example_remove",
    ),
]
