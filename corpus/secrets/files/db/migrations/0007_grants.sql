-- MySQL 5.7 style grants
GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%' IDENTIFIED BY '1Iau3LazHx1mL';
GRANT SELECT ON shop.* TO 'report'@'%';
