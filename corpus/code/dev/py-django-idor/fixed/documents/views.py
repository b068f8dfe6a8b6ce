from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from .models import Document


@login_required
def my_documents(request):
    docs = Document.objects.filter(owner=request.user)
    return JsonResponse({"documents": [d.title for d in docs]})


@login_required
def delete_document(request, pk):
    doc = get_object_or_404(Document, pk=pk, owner=request.user)
    doc.delete()
    return JsonResponse({"deleted": pk})
