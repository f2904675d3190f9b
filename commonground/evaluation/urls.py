"""Pages of the evaluation app."""

from django.urls import path

from .views import home, instruments, network, plan, raters, reports, surveys

app_name = "evaluation"
urlpatterns = [
    path("evaluation/", home.home, name="home"),
    path("surveys/", surveys.my_surveys, name="my_surveys"),
    path("surveys/<int:pk>/", surveys.survey, name="survey"),
    path("surveys/<int:pk>/network/", network.network_survey, name="network_survey"),
    path("rate/<str:token>/", surveys.rater_survey, name="rater_survey"),
    path("enrolments/<int:pk>/raters/", raters.nominations, name="nominations"),
    path("evaluation/raters/<int:pk>/decide/", raters.nomination_decide, name="nomination_decide"),
    path("evaluation/instruments/", instruments.instruments, name="instruments"),
    path("evaluation/instruments/new/", instruments.instrument_new, name="instrument_new"),
    path("evaluation/versions/<int:pk>/", instruments.version, name="version"),
    path(
        "evaluation/versions/<int:pk>/publish/",
        instruments.version_publish,
        name="version_publish",
    ),
    path(
        "evaluation/versions/<int:pk>/new-draft/",
        instruments.version_new_draft,
        name="version_new_draft",
    ),
    path("evaluation/versions/<int:pk>/<str:kind>/new/", instruments.item_new, name="item_new"),
    path(
        "evaluation/versions/<int:pk>/<str:kind>/<int:item>/edit/",
        instruments.item_edit,
        name="item_edit",
    ),
    path(
        "evaluation/versions/<int:pk>/<str:kind>/<int:item>/delete/",
        instruments.item_delete,
        name="item_delete",
    ),
    path(
        "evaluation/versions/<int:pk>/indicator/<int:item>/move/",
        instruments.indicator_move,
        name="indicator_move",
    ),
    path("cohorts/<int:pk>/evaluation/", plan.plan, name="plan"),
    path("cohorts/<int:pk>/evaluation/waves/", plan.plan_create, name="plan_create"),
    path("evaluation/waves/<int:pk>/edit/", plan.wave_edit, name="wave_edit"),
    path("evaluation/waves/<int:pk>/invite/", plan.wave_invite, name="wave_invite"),
    path("evaluation/waves/<int:pk>/remind/", plan.wave_remind, name="wave_remind"),
    path("cohorts/<int:pk>/evaluation/report/", reports.cohort_report, name="cohort_report"),
    path("programmes/<slug:slug>/evaluation/", reports.programme_report, name="programme_report"),
    path(
        "programmes/<slug:slug>/evaluation/trends.csv",
        reports.programme_report_trends,
        name="programme_report_trends",
    ),
    path(
        "programmes/<slug:slug>/evaluation/board.pdf",
        reports.programme_report_pdf,
        name="programme_report_pdf",
    ),
    path(
        "programmes/<slug:slug>/evaluation/answers.<str:fmt>",
        reports.programme_export,
        name="programme_export",
    ),
    path(
        "evaluation/reports/<int:pk>/progress/",
        reports.report_progress,
        name="report_progress",
    ),
    path(
        "enrolments/<int:pk>/evaluation/",
        reports.participant_report,
        name="participant_report",
    ),
    path(
        "cohorts/<int:pk>/evaluation/network/",
        network.cohort_network_report,
        name="cohort_network",
    ),
    path(
        "cohorts/<int:pk>/evaluation/network/<str:kind>.csv",
        network.network_export,
        name="network_export",
    ),
    path("enrolments/<int:pk>/evaluation/network/", network.my_network, name="my_network"),
    path(
        "programmes/<slug:slug>/evaluation/network-questions/",
        network.network_questions,
        name="network_questions",
    ),
]
