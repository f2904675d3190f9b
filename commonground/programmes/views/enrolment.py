"""Staff enrol people in a cohort and change an enrolment's status or sponsor; both lead back
to the cohort's participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from commonground.audit.log import history
from commonground.lib.access import Level, get_cohort, load_viewer, require
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.forms import EnrolmentChangeForm, EnrolmentForm
from commonground.programmes.models import Enrolment
from commonground.programmes.services import Enrolled, change_enrolment, enrol


def _confirm(request: AuthenticatedRequest, done: Enrolled, what: str) -> None:
    messages.success(request, what)
    if done.warning:
        messages.warning(request, done.warning)


@login_required
def enrolment_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_cohort(request, pk, Level.WRITE)
    form = EnrolmentForm(request.POST or None, initial={"enrolled_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = enrol(
                data["person"],
                cohort,
                sponsor=data["sponsor"],
                status=data["status"],
                enrolled_on=data["enrolled_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _confirm(request, done, f"{data['person']} enrolled in {cohort}.")
            return redirect("programmes:cohort_participants", cohort.pk)
    return render(request, "programmes/enrolment_form.html", {"cohort": cohort, "form": form})


@login_required
def enrolment_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = (
        Enrolment.objects.select_related("person", "sponsor", "cohort__programme")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404("Not found")
    level = load_viewer(request).cohort_level(enrolment.cohort)
    require(level if level >= Level.MEMBER else Level.NONE, Level.WRITE)
    form = EnrolmentChangeForm(
        request.POST or None,
        enrolment=enrolment,
        initial={
            "status": enrolment.status,
            "left_on": enrolment.left_on,
            "sponsor": enrolment.sponsor_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = change_enrolment(
                enrolment,
                status=data["status"],
                sponsor=data["sponsor"],
                left_on=data["left_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _confirm(request, done, f"{enrolment.person}'s enrolment saved.")
            return redirect("programmes:cohort_participants", enrolment.cohort_id)
    return render(
        request,
        "programmes/enrolment_form.html",
        {
            "cohort": enrolment.cohort,
            "enrolment": enrolment,
            "form": form,
            "history": list(history(enrolment)),
        },
    )
