<?php
$expr = $_POST["expr"];
$result = eval("return " . $expr . ";");
echo $result;
