"""Pages of the mentoring app: volunteering, asking, the staff's matching, and one's own pairs."""

from django.urls import path

from .views import people, staff

app_name = "mentoring"
urlpatterns = [
    path("mentoring/", people.mine, name="mine"),
    path("programmes/<slug:slug>/mentoring/volunteer/", people.volunteer, name="volunteer"),
    path("cohorts/<int:pk>/mentoring/ask/", people.ask, name="ask"),
    path("mentoring/matches/<int:pk>/not-working/", people.not_working, name="not_working"),
    path("cohorts/<int:pk>/mentoring/", staff.cohort_mentoring, name="cohort"),
    path("cohorts/<int:pk>/mentoring/run/", staff.run, name="run"),
    path("cohorts/<int:pk>/mentoring/introduce/", staff.publish, name="publish"),
    path("mentoring/requests/<int:pk>/mentor/", staff.assign, name="assign"),
]
