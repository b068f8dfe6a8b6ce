<?php
require "bootstrap.php";
$customer = $_GET["customer"];
$stmt = $pdo->query("SELECT * FROM orders WHERE customer_id = {$customer} ORDER BY created DESC");
echo json_encode($stmt->fetchAll(PDO::FETCH_ASSOC));
