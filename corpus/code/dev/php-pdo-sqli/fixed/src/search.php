<?php
require __DIR__ . "/db.php";

$term = $_POST["term"] ?? "";
$stmt = $pdo->prepare("SELECT id, title FROM posts WHERE title LIKE ?");
$stmt->execute(["%" . $term . "%"]);
$rows = $stmt->fetchAll();
header("Content-Type: application/json");
echo json_encode($rows);
