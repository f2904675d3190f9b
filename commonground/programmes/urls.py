"""Pages for programmes, cohorts, enrolments, activities and registers."""

from django.urls import path

from .views import activity, cohort, enrolment, exports, programme

app_name = "programmes"
urlpatterns = [
    path("programmes/<slug:slug>/", programme.programme, name="programme"),
    path("programmes/<slug:slug>/edit/", programme.programme_edit, name="programme_edit"),
    path("programmes/<slug:slug>/cohorts/new/", programme.cohort_new, name="cohort_new"),
    path("cohorts/<int:pk>/", cohort.cohort, name="cohort"),
    path("cohorts/<int:pk>/edit/", cohort.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/enrolments/new/", enrolment.enrolment_new, name="enrolment_new"),
    path("enrolments/<int:pk>/edit/", enrolment.enrolment_edit, name="enrolment_edit"),
    path("cohorts/<int:pk>/activities/new/", activity.activity_new, name="activity_new"),
    path("activities/<int:pk>/", activity.activity, name="activity"),
    path("activities/<int:pk>/edit/", activity.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/register/", activity.register, name="register"),
    path(
        "cohorts/<int:pk>/participants.<str:fmt>",
        exports.participants,
        name="cohort_participants_export",
    ),
    path(
        "cohorts/<int:pk>/attendance.<str:fmt>",
        exports.attendance,
        name="cohort_attendance_export",
    ),
]
