<?php
$url = $_GET["url"];
$allowed = ["api.example.com", "feeds.example.com"];
if (!in_array(parse_url($url, PHP_URL_HOST), $allowed, true)) {
    http_response_code(400);
    exit;
}
$body = file_get_contents($url);
echo $body;
