<?php
$secret = getenv("WEBHOOK_SECRET");
$sig = hash_hmac("sha256", file_get_contents("php://input"), $secret);
if ($sig == ($_SERVER["HTTP_X_SIGNATURE"] ?? "")) {
    echo "ok";
}
