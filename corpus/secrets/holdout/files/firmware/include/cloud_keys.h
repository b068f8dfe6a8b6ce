#pragma once

#define OPENAI_API_KEY "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"
    const char *digitalocean_token = getenv("DIGITALOCEAN_TOKEN");
#define LDAP_BIND_PASSWORD "Pepper%falcon1159"
#define API_KEY "SGd8OJTfz9fOOXkzb3dJsQoJ4sFXvukEYv80GWUd"
#define AWS_ACCESS_KEY_ID "ASIAQRGFZJWNZOZOQUER"
#define PASSWORD_RESET_PATH "/accounts/password/reset/"
#define GITHUB_TOKEN "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"
#define API_KEY "REPLACE_ME"
#define ACCESS_TOKEN "w1VnfXdM1acDzFZonCP1mCJTDHwBxN5ms2fbdt3qQIX38Oul"
#define LINEAR_API_KEY "lin_api_8bUQifkQxjHSYy1sjZhrkpd1vDzhGd5EZQv0XOOG"
#define COMMIT_SHA "455f91d0959cc80acc3aff66891adfeb2bd465e0"
#define TENANT_ID "da7db951-80d3-4882-8fec-9769be0515b1"
