from django import forms
from django.utils.translation import gettext_lazy as _

from caseload.clients.access import clients_visible_to
from caseload.clients.forms import AppointmentForm
from caseload.clients.models import ClientStatus


class CalendarBookingForm(AppointmentForm):
    """Booking from the calendar: the client is chosen here (only clients the booker
    may see, not discharged); the rules are the booking page's."""

    client: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Client"))

    field_order = ["client", "clinician", "starts_at", "duration_minutes", "kind", "location"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        visible = clients_visible_to(user).exclude(status=ClientStatus.DISCHARGED)
        self.fields["client"].queryset = visible
        self.order_fields(self.field_order)


class FeedForm(forms.Form):
    include_initials = forms.BooleanField(
        label=_("Show the client's initials and the location in my calendar program"),
        required=False,
        help_text=_("Off by default: events then say only the type of appointment."),
    )
