<?php
$q = $_GET["q"] ?? "";
?>
<html><body>
<h2>Results for <?php echo htmlspecialchars($q, ENT_QUOTES, "UTF-8"); ?></h2>
</body></html>
