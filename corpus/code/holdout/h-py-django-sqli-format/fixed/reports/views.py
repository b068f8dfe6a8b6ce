from django.db import connection
from django.http import JsonResponse


def revenue(request):
    year = request.GET.get("year", "2024")
    with connection.cursor() as c:
        c.execute("SELECT SUM(amount) FROM payments WHERE EXTRACT(year FROM paid_at) = %s", [year])
        total = c.fetchone()[0]
    return JsonResponse({"total": total})
