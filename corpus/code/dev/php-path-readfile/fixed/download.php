<?php
$file = basename($_GET["file"]);
readfile("/var/www/files/" . $file);
