<?php
printf("<p>Hello, %s</p>", $_GET["name"]);
