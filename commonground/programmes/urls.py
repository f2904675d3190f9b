"""Pages for programmes, cohorts, enrolments, activities and registers."""

from django.urls import path

from .views import (
    activity,
    calendar,
    checkin,
    cohort,
    cohort_messages,
    cohort_parts,
    completion,
    enrolment,
    exports,
    movement,
    programme,
    year,
)

app_name = "programmes"
urlpatterns = [
    path("year/", year.year, name="year"),
    path("attention/<slug:kind>/", year.attention, name="attention"),
    path("programmes/<slug:slug>/", programme.programme, name="programme"),
    path("programmes/<slug:slug>/edit/", programme.programme_edit, name="programme_edit"),
    path("programmes/<slug:slug>/cohorts/new/", programme.cohort_new, name="cohort_new"),
    path("programmes/<slug:slug>/movement/", movement.movement, name="movement"),
    path("programmes/<slug:slug>/movement.pdf", movement.movement_pdf, name="movement_pdf"),
    path("cohorts/<int:pk>/", cohort.cohort, name="cohort"),
    path("cohorts/<int:pk>/edit/", cohort.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/participants/", cohort_parts.participants, name="cohort_participants"),
    path("cohorts/<int:pk>/calendar/", cohort_parts.calendar, name="cohort_calendar"),
    path("cohorts/<int:pk>/attendance/", cohort_parts.attendance, name="cohort_attendance"),
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

# Running the year: calendar, check-in, completion, certificates and messages.
urlpatterns += [
    path("calendar/", calendar.my_calendar, name="my_calendar"),
    path("calendar/feed/", calendar.feed_reset, name="calendar_feed_reset"),
    path("calendar/feed/<str:token>.ics", calendar.feed, name="calendar_feed"),
    path("cohorts/<int:pk>/calendar/copy/", calendar.calendar_copy, name="calendar_copy"),
    path("activities/<int:pk>/cancel/", calendar.activity_cancel, name="activity_cancel"),
    path("activities/<int:pk>/restore/", calendar.activity_restore, name="activity_restore"),
    path("activities/<int:pk>/invite/", calendar.activity_invite, name="activity_invite"),
    path("activities/<int:pk>/check-in-code/", checkin.checkin_code, name="checkin_code"),
    path("activities/<int:pk>/apologies/", checkin.apologies, name="apologies"),
    path("check-in/", checkin.checkin, name="checkin"),
    path("check-in/<str:code>/", checkin.checkin_link, name="checkin_link"),
    path("cohorts/<int:pk>/completion/", completion.completion_page, name="completion"),
    path(
        "cohorts/<int:pk>/completion/confirm/",
        completion.completion_confirm,
        name="completion_confirm",
    ),
    path(
        "cohorts/<int:pk>/completion.<str:fmt>",
        completion.completion_export,
        name="completion_export",
    ),
    path(
        "programmes/<slug:slug>/completion-rules/",
        completion.completion_rules,
        name="completion_rules",
    ),
    path("enrolments/<int:pk>/withdraw/", completion.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<int:pk>/defer/", completion.enrolment_defer, name="enrolment_defer"),
    path("enrolments/<int:pk>/notify-sponsor/", completion.notify_sponsor, name="notify_sponsor"),
    path(
        "enrolments/<int:pk>/completion/withdraw/",
        completion.completion_withdraw,
        name="completion_withdraw",
    ),
    path("enrolments/<int:pk>/certificate.pdf", completion.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/", completion.certificate_verify, name="certificate_verify"),
    path("cohorts/<int:pk>/messages/", cohort_messages.cohort_messages, name="cohort_messages"),
]
