from django.shortcuts import render
from .models import Article


def by_author(request, author):
    articles = Article.objects.raw(f"SELECT * FROM blog_article WHERE author = '{author}'")
    return render(request, "blog/list.html", {"articles": articles})
