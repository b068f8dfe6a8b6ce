#!/bin/bash
PGPASSWORD='g8^-nY1NPeB58NJA-A_UKKENm4a%' pg_dump -h pg.internal -U backup app > app.sql
mysqldump -u backup -p'Ember&cobalt4094' shop > shop.sql
PGPASSWORD="$(cat /run/secrets/pg_backup)" pg_dump -h pg.internal -U backup app > app.sql
read -rsp 'Password: ' DB_PASS
