<?php
$token = bin2hex(random_bytes(32));
setcookie("session", $token, time() + 3600, "/");
