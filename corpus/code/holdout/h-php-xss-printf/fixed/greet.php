<?php
printf("<p>Hello, %s</p>", htmlspecialchars($_GET["name"], ENT_QUOTES));
