from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Clinical pages must never sit in a browser or proxy cache: every response other
    than static files is marked no-store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response
