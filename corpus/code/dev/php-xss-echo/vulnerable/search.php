<?php
$q = $_GET["q"] ?? "";
?>
<html><body>
<h2>Results for <?php echo $q; ?></h2>
</body></html>
