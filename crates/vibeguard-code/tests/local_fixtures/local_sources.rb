# Run under the `local` threat model (tests/fixtures.rs); no findings under `remote`.
cmd = ENV["BUILD_CMD"]
system(cmd) # expect: ruby/command-injection
system(ENV.fetch("CLEANUP_CMD")) # expect: ruby/command-injection
script = File.read("job.txt")
system(script) # expect: ruby/command-injection
line = $stdin.gets
system(line) # expect: ruby/command-injection
settings = YAML.load_file("deploy.yml")
system(settings["post_deploy"]) # expect: ruby/command-injection
hosts = File.open("hosts.txt")
system(hosts.read) # expect: ruby/command-injection
log = File.open("log.txt", "w")
system(log.path) # ok: a file opened to write

File.open("hooks.txt") { |f| system(f.read) } # expect: ruby/command-injection
File.open("audit.log", "a") { |f| system("logrotate", f.path) } # ok: opened to append
File.foreach("jobs.txt") { |job| system(job) } # expect: ruby/command-injection
File.foreach("jobs.txt") { |job| system("run-job", job.strip) } # ok: no shell
IO.foreach("hooks.txt") { |hook| system(hook) } # expect: ruby/command-injection
