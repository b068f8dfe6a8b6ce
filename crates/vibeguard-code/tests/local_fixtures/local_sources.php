<?php
// Run under the `local` threat model (tests/fixtures.rs); no findings under `remote`.
$cmd = getenv("BUILD_CMD");
system($cmd); // expect: php/command-injection
system($_ENV["CLEANUP_CMD"]); // expect: php/command-injection
$script = file_get_contents("job.txt");
system($script); // expect: php/command-injection
$in = fopen("jobs.txt", "r");
system(fgets($in)); // expect: php/command-injection
$out = fopen("log.txt", "w");
system(fgets($out)); // ok: a file opened to write

system($argv[1]); // expect: php/command-injection
system("make " . escapeshellarg($argv[2])); // ok: quoted for the shell
