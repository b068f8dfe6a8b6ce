from django.db import models

class User(models.Model):
    password = models.CharField(max_length=128)
    api_token = models.CharField(max_length=64, unique=True, db_index=True)
    def check_password(self, raw_password):
        return check_password(raw_password, self.password)
FIXTURE_HASH = "$2b$12$0JNz4YLM7hHP/bp8.w1juW72rtJjbvamFo1AH6hf1QtNbb9w4Zr8U"
    PASSWORD_FIELD = "password"
    token = secrets.token_urlsafe(32)
