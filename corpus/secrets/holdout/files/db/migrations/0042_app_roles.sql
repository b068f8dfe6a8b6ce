BEGIN;
CREATE USER reporting WITH PASSWORD 'Cobalt@tundra7568';
ALTER USER app IDENTIFIED BY "Kh?@fNvkxzx!ZEjhgrzp+";
ALTER USER app IDENTIFIED BY :'app_password';
INSERT INTO schema_checksums VALUES ('0041', '11beb59502662004d2396ed15ca8771312a4a90d47e27cfcf57d172f5d95c73f');
INSERT INTO users (email, password_hash) VALUES ('admin@acme.io', '$2a$10$EytQijn6TfVXN4kEc2OJVIIGpRI8HJmH7f216f627MAIbiFkNEiEj');
COMMIT;
