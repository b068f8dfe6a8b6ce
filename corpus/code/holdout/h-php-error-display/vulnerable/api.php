<?php
try {
    $pdo = new PDO(getenv("DSN"));
} catch (PDOException $e) {
    echo "Database error: " . $e->getMessage();
}
