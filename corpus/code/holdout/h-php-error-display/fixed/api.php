<?php
try {
    $pdo = new PDO(getenv("DSN"));
} catch (PDOException $e) {
    error_log($e->getMessage());
    echo "Database error";
}
