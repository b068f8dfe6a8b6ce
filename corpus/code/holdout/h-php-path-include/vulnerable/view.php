<?php
$tpl = $_GET["tpl"];
echo file_get_contents(__DIR__ . "/templates/" . $tpl);
