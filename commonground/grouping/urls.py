"""Pages of the grouping app."""

from django.urls import path

from .views import changes, groupings, mine

app_name = "grouping"
urlpatterns = [
    path("cohorts/<int:pk>/groupings/", groupings.cohort_groupings, name="cohort_groupings"),
    path("cohorts/<int:pk>/groupings/new/", groupings.grouping_new, name="grouping_new"),
    path("groupings/<int:pk>/", groupings.grouping, name="grouping"),
    path("groupings/<int:pk>/edit/", groupings.grouping_edit, name="grouping_edit"),
    path("groupings/<int:pk>/progress/", groupings.grouping_progress, name="grouping_progress"),
    path("groupings/<int:pk>/run/", groupings.grouping_run, name="grouping_run"),
    path("groupings/<int:pk>/replan/", groupings.grouping_replan, name="grouping_replan"),
    path("groupings/<int:pk>/publish/", groupings.grouping_publish, name="grouping_publish"),
    path("groupings/<int:pk>/unpublish/", groupings.grouping_unpublish, name="grouping_unpublish"),
    path("groupings/<int:pk>/duplicate/", groupings.grouping_duplicate, name="grouping_duplicate"),
    path("groupings/<int:pk>/export.<str:fmt>", groupings.grouping_export, name="grouping_export"),
    path("groupings/<int:pk>/pairs/new/", groupings.pair_new, name="pair_new"),
    path("grouping-pairs/<int:pk>/delete/", changes.pair_delete, name="pair_delete"),
    path("placements/<int:pk>/move/", changes.placement_move, name="placement_move"),
    path("placements/<int:pk>/pin/", changes.placement_pin, name="placement_pin"),
    path("my-groups/", mine.my_groups, name="mine"),
]
