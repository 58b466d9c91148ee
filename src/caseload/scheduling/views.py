import contextlib
from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from caseload.clients import booking, services
from caseload.clients.access import Part, access_client, can_see_part, schedulable_clinicians
from caseload.clients.forms import AttendanceForm
from caseload.clients.models import Attendance
from caseload.core import clock
from caseload.core.forms import run_service
from caseload.scheduling import feeds, grid
from caseload.scheduling.forms import CalendarBookingForm, FeedForm
from caseload.scheduling.periods import VIEWS, period_for
from caseload.scheduling.selectors import appointment_through_door, calendar_people, calendar_read


def _require_diary(user) -> None:
    if not schedulable_clinicians(user).exists():
        raise PermissionDenied(_("Your role has no calendar."))


def _anchor(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else clock.today()
    except ValueError:
        return clock.today()


@login_required
@require_GET
def calendar(request):
    """Day, week or month of one diary or the team's, with booking and attendance."""
    _require_diary(request.user)
    chosen = request.GET.get("clinician") or None
    people = calendar_people(request.user, chosen)
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "week"
    period = period_for(view, _anchor(request.GET.get("date")))
    start, end = period.bounds()
    appointments = calendar_read(
        request.user, start=start, end=end, clinicians=people, request=request
    )
    context = {
        "period": period,
        "people": people,
        "everyone": schedulable_clinicians(request.user).order_by("last_name", "username"),
        "chosen": chosen or "",
        "team": len(people) > 1,
        "today": clock.today(),
        "can_book": can_see_part(request.user, Part.DEMOGRAPHICS),
        "hour_rows": grid.hour_rows(period, appointments) if view != "month" else [],
        "day_lists": grid.day_lists(period, appointments),
        "attendance_choices": Attendance.choices,
        "feed": feeds.live_feed(request.user) if request.user.is_clinical else None,
        "feed_form": FeedForm(),
    }
    return render(request, "scheduling/calendar.html", context)


def _prefill(request) -> dict:
    initial: dict = {}
    if starts := request.GET.get("starts_at"):
        with contextlib.suppress(ValueError):  # a mangled link just leaves the time empty
            initial["starts_at"] = datetime.fromisoformat(starts)
    if clinician := request.GET.get("clinician"):
        initial["clinician"] = clinician
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def book(request):
    """Book from an empty slot of the calendar: the time and diary come prefilled."""
    _require_diary(request.user)
    if not can_see_part(request.user, Part.DEMOGRAPHICS):
        raise PermissionDenied(_("Your role cannot book appointments."))
    form = CalendarBookingForm(request.POST or None, user=request.user, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        client = access_client(
            request.user,
            form.cleaned_data["client"].pk,
            part=Part.DEMOGRAPHICS,
            write=True,
            purpose="book from the calendar",
            request=request,
        )
        booked = run_service(
            form,
            booking.appointment_book,
            acting_user=request.user,
            client=client,
            request=request,
            **form.booking_arguments(),
        )
        if booked:
            messages.success(request, booking.booked_message(booked))
            first = timezone.localtime(booked[0].starts_at)
            query = f"?view=week&date={first.date().isoformat()}"
            return redirect(
                reverse("scheduling:calendar") + query + f"#appointment-{booked[0].pk}"
            )
    return render(
        request, "scheduling/book.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def attendance(request, appointment_id):
    """Record attendance from the calendar; back to the same view with a message (or,
    with htmx, the entry again and the sentence announced in the status region)."""
    appointment = appointment_through_door(
        request.user, appointment_id, purpose="record attendance", write=True, request=request
    )
    form = AttendanceForm(request.POST)
    recorded = form.is_valid() and run_service(
        form,
        services.appointment_record_attendance,
        acting_user=request.user,
        appointment=appointment,
        attendance=form.cleaned_data["attendance"],
        request=request,
    )
    status = booking.sentence(
        _("Attendance recorded: %(outcome)s, %(what)s")
        % {
            "outcome": appointment.get_attendance_display(),
            "what": booking.describe(appointment),
        }
    )
    if request.htmx:
        context = {
            "appointment": appointment,
            "attendance_choices": Attendance.choices,
            "can_book": True,
            "attendance_status": status if recorded else "",
            "form": form,
            # The entry is drawn in the grid and in the phone's list, with ids apart.
            "prefix": "list-" if request.POST.get("prefix") == "list-" else "",
        }
        return render(request, "scheduling/_entry.html", context, status=200 if recorded else 400)
    if recorded:
        messages.success(request, status)
    else:
        messages.error(request, _("Choose one of the listed attendance outcomes."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("scheduling:calendar")
    return redirect(f"{back}#appointment-{appointment.pk}")


@login_required
@require_POST
def feed(request):
    """Make (or make again) the user's feed address, shown once; or revoke it."""
    if not request.user.is_clinical:
        raise PermissionDenied(_("Only clinicians have a calendar feed."))
    if request.POST.get("action") == "revoke":
        feeds.calendar_feed_revoke(acting_user=request.user, request=request)
        messages.success(request, _("Calendar feed revoked: the old address no longer works."))
        return redirect("scheduling:calendar")
    form = FeedForm(request.POST)
    form.is_valid()
    _feed, token = feeds.calendar_feed_create(
        acting_user=request.user,
        include_initials=form.cleaned_data.get("include_initials", False),
        request=request,
    )
    address = request.build_absolute_uri(reverse("scheduling:feed_ics", args=[token]))
    return render(request, "scheduling/feed_created.html", {"address": address})


@require_GET
def feed_ics(request, feed_token):
    """The iCalendar document, for a calendar program: no session, the token is the key."""
    found = feeds.feed_for_token(feed_token)
    if found is None:
        raise Http404("No such feed.")
    response = HttpResponse(
        feeds.feed_calendar(found, request=request), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response
