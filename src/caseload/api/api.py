from ninja import NinjaAPI

api = NinjaAPI(title="caseload API", version="1", urls_namespace="api", docs_url=None)
