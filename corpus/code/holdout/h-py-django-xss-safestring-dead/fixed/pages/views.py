from django.http import HttpResponse
from django.utils.html import escape

RAW_HTML_ALLOWED = 0


def note(request):
    text = request.GET.get("text", "")
    if RAW_HTML_ALLOWED:
        return HttpResponse("<div>" + text + "</div>")
    return HttpResponse("<div>" + escape(text) + "</div>")
