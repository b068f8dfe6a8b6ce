<?php
$db = new mysqli("localhost", "app", getenv("DB_PASS"), "shop");
$id = $_GET["id"];
$result = $db->query("SELECT name, email FROM users WHERE id = '$id'");
$row = $result->fetch_assoc();
echo json_encode($row);
