<?php
$url = $_GET["url"];
$allowed = ["api.example.com", "feeds.example.com"];
$body = file_get_contents($url);
echo $body;
