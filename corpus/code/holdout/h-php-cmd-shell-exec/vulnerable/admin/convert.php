<?php
$file = $_POST["file"];
$out = shell_exec("pdftotext uploads/" . $file . " -");
echo $out;
