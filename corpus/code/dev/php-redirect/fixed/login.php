<?php
session_start();
$_SESSION["user"] = $_POST["user"] ?? null;
$next = $_GET["next"] ?? "/";
if (!preg_match('#^/[^/\\\\]#', $next)) {
    $next = "/";
}
header("Location: " . $next);
exit;
