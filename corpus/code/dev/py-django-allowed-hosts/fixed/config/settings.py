import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["api.example.com", "www.example.com"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "api"]
ROOT_URLCONF = "config.urls"
