"""The plan endpoint is described in the OpenAPI schema under its own operation id."""

import pytest
from django.test import Client as HttpClient


@pytest.mark.django_db
def test_the_plan_endpoint_is_in_the_openapi_schema():
    schema = HttpClient().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/clients/{client_id}/plan"]["get"]
    assert operation["operationId"] == "client_plan"
    assert "gas_t_score" in schema["components"]["schemas"]["PlanOut"]["properties"]
