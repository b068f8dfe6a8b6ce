from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def preview(request):
    text = request.POST.get("comment", "")
    rendered = mark_safe("<div class='comment'>" + text + "</div>")
    return render(request, "comments/preview.html", {"rendered": rendered})
