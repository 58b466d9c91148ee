"""The REST API under /api/v1/: bearer tokens only, JSON errors, the OpenAPI schema at
/api/v1/openapi.json (public: it describes shapes, not data). The interactive docs page
stays off: it loads its script from a CDN that our Content-Security-Policy forbids."""

from ninja import NinjaAPI

from caseload.api import alerts, audit, clients
from caseload.api.auth import ApiTokenAuth
from caseload.api.errors import register_error_handlers

api = NinjaAPI(
    title="caseload API",
    version="1",
    urls_namespace="api",
    docs_url=None,
    auth=ApiTokenAuth(),
)
register_error_handlers(api)
api.add_router("", clients.router)
api.add_router("", audit.router)
api.add_router("", "caseload.api.notes.router")
api.add_router("", "caseload.api.plans.router")
api.add_router("", "caseload.api.measures.router")
api.add_router("", alerts.router)
api.add_router("", "caseload.api.wellbeing.router")
api.add_router("", "caseload.api.privacy.router")
api.add_router("", "caseload.api.safety_plans.router")
api.add_router("", "caseload.api.scheduling.router")
