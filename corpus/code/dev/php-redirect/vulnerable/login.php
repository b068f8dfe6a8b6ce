<?php
session_start();
$_SESSION["user"] = $_POST["user"] ?? null;
$next = $_GET["next"] ?? "/";
header("Location: " . $next);
exit;
