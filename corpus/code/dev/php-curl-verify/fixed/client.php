<?php
$ch = curl_init("https://payments.example.com/api/charge");
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$resp = curl_exec($ch);
