<?php
require "bootstrap.php";
$customer = $_GET["customer"];
$stmt = $pdo->prepare("SELECT * FROM orders WHERE customer_id = ? ORDER BY created DESC");
$stmt->execute([$customer]);
echo json_encode($stmt->fetchAll(PDO::FETCH_ASSOC));
