#!/bin/sh
set -e
mysql -h db.internal -u root --password='Tundra&copper6602' < schema.sql
mysql -h db.internal -u root --password="$MYSQL_ROOT_PASSWORD" < schema.sql
VAULT_TOKEN=hvs.E6t6zwq8CVjrCmTu5WqncYsIIME7BiWwHYDYU88DiTId3LCf4nrVU7B33Zje3hSZbGQA7mY2dnqunLssjyTlXjEwj6 vault kv get secret/app
vault kv get -field=password secret/data/app/db
celery -A app worker --broker "amqp://app:PyzrZydwinsqdHdCP9@mq.internal:5672/prod"
curl -sf -H "Authorization: token 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" https://api.github.com/user
git checkout cf7fef200226b576ce4c6a234ebdce6293f9e6de
sshpass -p 'Cobalt@falcon251' ssh deploy@10.0.4.12 'systemctl restart app'
