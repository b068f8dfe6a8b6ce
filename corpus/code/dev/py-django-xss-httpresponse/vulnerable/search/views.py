from django.http import HttpResponse
from django.utils.html import escape


def results(request):
    query = request.GET.get("q", "")
    return HttpResponse(f"<h2>Results for {query}</h2><ul></ul>")
