<?php
$token = bin2hex(random_bytes(32));
file_put_contents("/var/app/reset/" . $token, $_POST["email"] ?? "");
echo $token;
