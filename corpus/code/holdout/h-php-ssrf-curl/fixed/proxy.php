<?php
$url = $_GET["u"];
$host = parse_url($url, PHP_URL_HOST);
if (!in_array($host, ["img.example.com"], true)) {
    http_response_code(400);
    exit;
}
$ch = curl_init($url);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
echo curl_exec($ch);
