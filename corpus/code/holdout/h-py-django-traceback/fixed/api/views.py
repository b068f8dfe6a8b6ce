import traceback
from django.http import JsonResponse


def sync(request):
    try:
        return JsonResponse({"synced": do_sync()})
    except Exception:
        return JsonResponse({"error": "sync failed"}, status=500)


def do_sync():
    raise ValueError("upstream said no")
