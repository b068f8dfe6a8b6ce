from django.http import JsonResponse
from .models import Customer


def customers(request):
    country = request.GET["country"]
    qs = Customer.objects.extra(where=["country = '%s'" % country])
    return JsonResponse({"customers": list(qs.values("id", "name"))})
