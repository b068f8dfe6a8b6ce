#!/bin/sh
set -eu
redis-cli -h cache.acme-corp.io -a 'qizVWqye282MZ' --no-auth-warning FLUSHDB
redis-cli -h cache.acme-corp.io -a "$REDIS_PASSWORD" PING
sqlcmd -S sql.acme-corp.io -U sa -P "ZlvC2XJrp8dj5" -Q "DBCC CHECKDB"
ldapsearch -x -D "cn=admin,dc=acme-corp,dc=io" -w LPv9ne7SXci9n -b dc=acme-corp,dc=io "(uid=ops)"
ldapsearch -x -W -D "cn=admin,dc=acme-corp,dc=io" -b dc=acme-corp,dc=io
htpasswd -b -c /etc/nginx/.htpasswd metrics 2MRuthzR55lrJ
htpasswd -c /etc/nginx/.htpasswd metrics
rabbitmqctl add_user deploy glkY0hH1tO0Mi
