<?php
$page = $_GET["page"] ?? "home";
if (!in_array($page, ["home", "about", "contact"], true)) {
    $page = "home";
}
include __DIR__ . "/pages/" . $page . ".php";
