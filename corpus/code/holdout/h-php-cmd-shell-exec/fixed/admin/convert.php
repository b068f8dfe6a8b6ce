<?php
$file = $_POST["file"];
$out = shell_exec("pdftotext " . escapeshellarg("uploads/" . basename($file)) . " -");
echo $out;
