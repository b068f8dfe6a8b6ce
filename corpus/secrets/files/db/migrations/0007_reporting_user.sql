-- reporting role for the BI dashboards
CREATE USER reporting IDENTIFIED BY 'report2023';
ALTER USER etl WITH PASSWORD '7zmVD9SktOU0#AKcF';
CREATE USER app IDENTIFIED BY :app_password;
