<?php
$tpl = $_GET["tpl"];
if (!in_array($tpl, ["header.html", "footer.html"], true)) {
    exit;
}
echo file_get_contents(__DIR__ . "/templates/" . $tpl);
