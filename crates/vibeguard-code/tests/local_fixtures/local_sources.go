// Run under the `local` threat model (tests/fixtures.rs); no findings under `remote`.
package main

import (
	"bufio"
	"database/sql"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
)

func environment() {
	exec.Command("sh", "-c", os.Getenv("BUILD_CMD")).Run() // expect: go/command-injection
	url, _ := os.LookupEnv("API_URL")
	http.Get(url) // expect: go/ssrf
}

func files() {
	script, _ := os.ReadFile("job.txt")
	exec.Command("sh", "-c", string(script)).Run() // expect: go/command-injection
}

func openedFiles() {
	in, _ := os.OpenFile("jobs.txt", os.O_RDONLY, 0)
	job := bufio.NewScanner(in)
	job.Scan()
	exec.Command("sh", "-c", job.Text()).Run() // expect: go/command-injection
	out, _ := os.OpenFile("log.txt", os.O_WRONLY|os.O_APPEND, 0o600)
	exec.Command("sh", "-c", out.Name()).Run() // ok: a file opened to write
}

func console() {
	in := bufio.NewScanner(os.Stdin)
	in.Scan()
	http.Get(in.Text()) // expect: go/ssrf
}

func databaseRow(db *sql.DB) {
	var hook string
	db.QueryRow("SELECT hook FROM settings WHERE id = 1").Scan(&hook)
	exec.Command("sh", "-c", hook).Run() // expect: go/command-injection
}

func typed() {
	var host string
	fmt.Scanln(&host)
	http.Get(host) // expect: go/ssrf
}

func flags() {
	hook := flag.String("hook", "", "command run after the build")
	verbose := flag.Bool("v", false, "verbose")
	var target string
	flag.StringVar(&target, "target", "", "where to fetch from")
	flag.Parse()
	exec.Command("sh", "-c", *hook).Run() // expect: go/command-injection
	http.Get(target)                      // expect: go/ssrf
	if *verbose {
		exec.Command("sh", "-c", "make -s").Run() // ok: a flag chooses a fixed command
	}
	exec.Command("sh", "-c", flag.Arg(0)).Run() // expect: go/command-injection
}
