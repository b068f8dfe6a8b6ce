<?php
$expr = (float) $_POST["expr"];
$result = $expr;
echo $result;
