<?php
$url = $_GET["u"];
$host = parse_url($url, PHP_URL_HOST);
$ch = curl_init($url);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
echo curl_exec($ch);
