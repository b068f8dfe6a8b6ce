from django.db import connection
from django.http import JsonResponse


def product_search(request):
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM shop_product WHERE name ILIKE '%%" + term + "%%'")
        rows = cursor.fetchall()
    return JsonResponse({"results": rows})
