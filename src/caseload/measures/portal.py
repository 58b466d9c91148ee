"""The client's side of a measure link: the questionnaire on their phone, then a
plain-language explanation of the result. It shows nothing else about the record: not
their name, not earlier results, not the care team's notes."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from caseload.core.forms import run_service
from caseload.measures import services
from caseload.measures.forms import AnswersForm
from caseload.measures.missing import missing_answers
from caseload.portal.services import PortalLinkSpent


def _page(request, template: str, context: dict, status: int = 200):
    # The practice and its crisis lines come from the context processor (portal/base.html).
    return render(request, template, context, status=status)


def complete_measure(request, link):
    try:
        instrument = services.instrument_named(link.target_id)
    except ValidationError:
        return _page(request, "portal/closed.html", {}, status=410)
    form = AnswersForm(request.POST or None, instrument=instrument)
    valid = request.method == "POST" and form.is_valid()
    missing = missing_answers(instrument, form.answers()) if valid else None
    if missing and not form.missing_confirmed():
        # The client sees what they left out before it is sent (H-107).
        context = {"form": form, "instrument": instrument, "missing": missing}
        return _page(request, "measures/portal_form.html", context)
    if valid:
        try:
            response = run_service(
                form,
                services.response_record_from_link,
                link=link,
                answers=form.answers(),
                request=request,
            )
        except PortalLinkSpent:
            return _page(request, "portal/closed.html", {}, status=410)
        if response is not None:
            return _page(
                request,
                "measures/portal_result.html",
                {"instrument": instrument, "explanation": response.score.explanation},
            )
    return _page(
        request,
        "measures/portal_form.html",
        {"form": form, "instrument": instrument},
        status=400 if form.errors else 200,
    )
