import os
from django.conf import settings
from django.http import FileResponse, Http404


def download(request):
    name = request.GET["name"]
    path = os.path.join(settings.MEDIA_ROOT, "exports", name)
    return FileResponse(open(path, "rb"), as_attachment=True)
