from django.urls import include, path

from caseload.api.api import api
from caseload.core import views as core_views
from caseload.fhir import views as fhir_views
from caseload.today import views as today_views

urlpatterns = [
    path("", today_views.home, name="home"),
    path("today/", include("caseload.today.urls")),
    path("accounts/", include("caseload.accounts.urls")),
    path("staff/", include("caseload.accounts.staff_urls")),
    path("clients/", include("caseload.clients.urls")),
    path("calendar/", include("caseload.scheduling.urls")),
    path("audit/", include("caseload.privacy.audit_urls")),
    path("safety/", include("caseload.safety.urls")),
    path("safety/", include("caseload.safetyplans.urls")),
    path("p/", include("caseload.portal.urls")),
    path("measures/", include("caseload.measures.urls")),
    path("plans/", include("caseload.plans.urls")),
    path("notes/", include("caseload.notes.urls")),
    path("privacy/", include("caseload.privacy.urls")),
    path("wellbeing/", include("caseload.wellbeing.urls")),
    # The contract is `POST /fhir` (FHIR's transaction endpoint, without a slash); a
    # redirect to /fhir/ would lose the POST, so both are served.
    path("fhir", fhir_views.transaction, name="fhir_transaction"),
    path("fhir/", include("caseload.fhir.urls")),
    path("api/v1/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots, name="robots"),
]

handler404 = "caseload.audit.errors.not_found"
handler403 = "caseload.audit.errors.forbidden"
