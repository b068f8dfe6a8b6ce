<?php
$pass = sha1($_POST["password"]);
$pdo->prepare("INSERT INTO users (email, pass) VALUES (?, ?)")->execute([$_POST["email"], $pass]);
