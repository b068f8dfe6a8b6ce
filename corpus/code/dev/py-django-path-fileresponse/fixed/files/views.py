import os
from django.conf import settings
from django.http import FileResponse, Http404


def download(request):
    name = request.GET["name"]
    base = os.path.realpath(os.path.join(settings.MEDIA_ROOT, "exports"))
    path = os.path.realpath(os.path.join(base, name))
    if os.path.commonpath([base, path]) != base:
        raise Http404()
    return FileResponse(open(path, "rb"), as_attachment=True)
