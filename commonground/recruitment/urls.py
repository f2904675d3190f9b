"""Pages for applications, sponsors' links, the panel and staff's selection."""

from django.urls import path

from .views import applicant, index, panel, public, staff

app_name = "recruitment"
urlpatterns = [
    # Signed in: the rounds one runs, scores or applied to
    path("recruitment/", index.index, name="index"),
    # Everyone
    path("apply/", public.rounds, name="rounds"),
    path("apply/<int:pk>/", public.round_page, name="round"),
    path("apply/<int:pk>/start/", public.start, name="start"),
    path("apply/<int:pk>/nominate/", public.nominate, name="nominate"),
    path("apply/continue/<str:token>/", public.continue_application, name="continue"),
    path("endorse/<str:token>/", public.endorse, name="endorse"),
    # Applicants
    path("applications/", applicant.mine, name="mine"),
    path("applications/my-data.<str:fmt>", applicant.my_data, name="my_data"),
    path("applications/<int:pk>/", applicant.application, name="application"),
    path("applications/<int:pk>/withdraw/", applicant.withdraw, name="withdraw"),
    path("applications/<int:pk>/monitoring/", applicant.equality, name="equality"),
    path("applications/<int:pk>/offer/", applicant.offer, name="offer"),
    path("applications/<int:pk>/next-year/", applicant.next_year, name="next_year"),
    # Panel
    path("recruitment/<int:pk>/panel/", panel.panel, name="panel"),
    path("recruitment/applications/<int:pk>/review/", panel.review, name="review"),
    # Staff
    path("cohorts/<int:pk>/recruitment/new/", staff.round_new, name="round_new"),
    path("recruitment/<int:pk>/", staff.manage, name="manage"),
    path("recruitment/<int:pk>/edit/", staff.round_edit, name="round_edit"),
    path("recruitment/<int:pk>/rules/", staff.rule_add, name="rule_add"),
    path("recruitment/rules/<int:pk>/delete/", staff.rule_delete, name="rule_delete"),
    path("recruitment/<int:pk>/panel/add/", staff.panel_member_add, name="panel_member_add"),
    path(
        "recruitment/panel-members/<int:pk>/remove/",
        staff.panel_member_remove,
        name="panel_member_remove",
    ),
    path("recruitment/<int:pk>/applications/", staff.applications, name="applications"),
    path("recruitment/<int:pk>/applications.<str:fmt>", staff.export, name="applications_export"),
    path(
        "recruitment/applications/<int:pk>/",
        staff.staff_application,
        name="staff_application",
    ),
    path("recruitment/<int:pk>/propose/", staff.propose, name="propose"),
    path("recruitment/proposals/<int:pk>/", staff.proposal, name="proposal"),
    path("recruitment/proposals/<int:pk>/change/", staff.proposal_change, name="proposal_change"),
    path(
        "recruitment/proposals/<int:pk>/confirm/", staff.proposal_confirm, name="proposal_confirm"
    ),
    path(
        "recruitment/<int:pk>/waiting-list/close/",
        staff.close_waiting_list,
        name="close_waiting_list",
    ),
    path("recruitment/<int:pk>/monitoring/", staff.equality_report, name="equality_report"),
]
