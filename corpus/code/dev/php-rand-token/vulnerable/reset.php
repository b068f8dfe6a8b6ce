<?php
$token = md5(rand());
file_put_contents("/var/app/reset/" . $token, $_POST["email"] ?? "");
echo $token;
