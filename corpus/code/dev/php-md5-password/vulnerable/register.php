<?php
require "db.php";
$hash = md5($_POST["password"]);
$stmt = $pdo->prepare("INSERT INTO users (email, password) VALUES (?, ?)");
$stmt->execute([$_POST["email"], $hash]);
