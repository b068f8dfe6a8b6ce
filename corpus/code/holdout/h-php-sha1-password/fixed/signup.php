<?php
$pass = password_hash($_POST["password"], PASSWORD_ARGON2ID);
$pdo->prepare("INSERT INTO users (email, pass) VALUES (?, ?)")->execute([$_POST["email"], $pass]);
