<?php
$db = new mysqli("localhost", "app", getenv("DB_PASS"), "shop");
$id = $_GET["id"];
$stmt = $db->prepare("SELECT name, email FROM users WHERE id = ?");
$stmt->bind_param("s", $id);
$stmt->execute();
$result = $stmt->get_result();
$row = $result->fetch_assoc();
echo json_encode($row);
