import json
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from .models import PaymentMethod


@login_required
def list_methods(request):
    return JsonResponse({"methods": list(PaymentMethod.objects.filter(user=request.user).values("id", "last4"))})


@login_required
def update_method(request, method_id):
    body = json.loads(request.body)
    PaymentMethod.objects.filter(id=method_id, user=request.user).update(nickname=body["nickname"])
    return JsonResponse({"ok": True})
