<?php
require __DIR__ . "/db.php";

$term = $_POST["term"] ?? "";
$rows = $pdo->query("SELECT id, title FROM posts WHERE title LIKE '%" . $term . "%'")->fetchAll();
header("Content-Type: application/json");
echo json_encode($rows);
