from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def preview(request):
    text = request.POST.get("comment", "")
    rendered = format_html("<div class='comment'>{}</div>", text)
    return render(request, "comments/preview.html", {"rendered": rendered})
