#!/usr/bin/env python3
"""Build the popular-package name lists vibeguard ships (crates/vibeguard-deps/data/popular).

The look-alike check (deps/typosquat) compares a requested name with these lists; a name
on a list is popular and never reported. Inputs are public rankings:

  PyPI   the "top PyPI packages" ranking (rank among the 15,000 most downloaded), as a
         TSV with columns name, version, month, rank, summary (--pypi FILE)
  npm    monthly download counts per package, TSV name, version, downloads (--npm FILE)
  Go     a list of module paths, first column of a TSV (--go FILE)
  crates.io, RubyGems, Packagist: no ranking file is reachable from the build machine;
         the lists below are seeded by hand with the most depended-upon packages of each
         registry (facts anyone can check on the registry's own "most downloaded" page)
         and extended with --crates-index DIR (names found in a cargo sparse-index cache).

Usage:
  python3 bench/deps/build_popular.py --pypi pypi.tsv --npm npm.tsv --go go.tsv \
      [--crates-index ~/.cargo/registry/index] [--top 15000]
Writes one name per line, most popular first, names normalised as each registry compares
them. `vibeguard deps refresh-popular` is not needed: rerun this script and rebuild.
"""
import argparse, csv, os, re, sys

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "vibeguard-deps", "data", "popular")

CRATES = """serde serde_json serde_derive syn quote proc-macro2 rand libc log regex tokio clap
anyhow thiserror lazy_static once_cell bitflags itertools cfg-if memchr futures bytes
hyper reqwest chrono time uuid url base64 sha2 hex tracing tracing-subscriber env_logger
rayon crossbeam parking_lot smallvec indexmap hashbrown num-traits either tempfile walkdir
glob toml serde_yaml byteorder aho-corasick unicode-width semver openssl rustls ring http
mio socket2 tokio-util tower axum actix-web warp diesel sqlx rusqlite postgres redis
prost tonic async-trait pin-project dashmap ahash crc32fast flate2 zip tar image nom
pest winapi windows-sys nix dirs tempdir structopt atty colored termcolor indicatif
criterion proptest quickcheck mockall insta assert_cmd predicates wasm-bindgen js-sys
web-sys getrandom rand_core rand_chacha sha1 md5 digest generic-array typenum zeroize
subtle aes hmac pbkdf2 argon2 bcrypt jsonwebtoken ed25519-dalek curve25519-dalek
arrayvec tinyvec bincode rmp-serde ciborium csv encoding_rs percent-encoding idna
mime httparse h2 native-tls hyper-tls hyper-rustls webpki-roots rustls-pemfile libloading
fnv siphasher heck convert_case strum strum_macros derive_more paste static_assertions
ctrlc signal-hook notify crossterm ratatui tui dialoguer console ansi_term owo-colors
gix git2 cargo_metadata cc cmake pkg-config bindgen libz-sys openssl-sys ureq
""".split()

GO = """github.com/stretchr/testify github.com/google/uuid github.com/gin-gonic/gin
github.com/spf13/cobra github.com/spf13/viper github.com/spf13/pflag github.com/sirupsen/logrus
go.uber.org/zap github.com/pkg/errors github.com/gorilla/mux github.com/gorilla/websocket
github.com/golang/protobuf google.golang.org/protobuf google.golang.org/grpc
github.com/prometheus/client_golang github.com/go-sql-driver/mysql github.com/lib/pq
github.com/jackc/pgx/v5 gorm.io/gorm github.com/redis/go-redis/v9 github.com/go-redis/redis/v8
github.com/aws/aws-sdk-go github.com/aws/aws-sdk-go-v2 github.com/davecgh/go-spew
github.com/pmezard/go-difflib gopkg.in/yaml.v3 gopkg.in/yaml.v2 github.com/golang-jwt/jwt/v5
github.com/labstack/echo/v4 github.com/gofiber/fiber/v2 github.com/urfave/cli/v2
github.com/mattn/go-sqlite3 github.com/hashicorp/terraform github.com/hashicorp/go-multierror
golang.org/x/net golang.org/x/sys golang.org/x/crypto golang.org/x/text golang.org/x/sync
golang.org/x/tools golang.org/x/oauth2 golang.org/x/mod golang.org/x/term golang.org/x/exp
k8s.io/client-go k8s.io/api k8s.io/apimachinery sigs.k8s.io/controller-runtime
github.com/docker/docker github.com/opencontainers/image-spec github.com/cenkalti/backoff/v4
github.com/rs/zerolog github.com/json-iterator/go github.com/go-playground/validator/v10
github.com/onsi/ginkgo/v2 github.com/onsi/gomega github.com/golang/mock go.uber.org/mock
github.com/google/go-cmp github.com/fsnotify/fsnotify github.com/mitchellh/mapstructure
go.opentelemetry.io/otel github.com/klauspost/compress github.com/valyala/fasthttp
""".split()

RUBYGEMS = """rails rake bundler rack activesupport actionpack activerecord activemodel actionview
railties nokogiri json i18n tzinfo thor concurrent-ruby minitest rspec rspec-core
rspec-expectations rspec-mocks mime-types mini_portile2 racc builder erubi loofah
rails-html-sanitizer sprockets puma devise pg mysql2 sqlite3 redis sidekiq faraday
httparty rest-client aws-sdk-core aws-sdk-s3 jwt bcrypt rubocop pry byebug capybara
selenium-webdriver webmock vcr factory_bot faker sinatra haml slim sass jquery-rails
turbolinks bootsnap listen spring web-console jbuilder kaminari will_paginate paperclip
carrierwave omniauth cancancan pundit rack-protection addressable public_suffix
multi_json oj ffi ox unicorn thin eventmachine rubyzip net-http net-ssh nio4r websocket-driver
""".split()

PACKAGIST = """symfony/console symfony/http-foundation symfony/http-kernel symfony/routing
symfony/yaml symfony/process symfony/finder symfony/event-dispatcher symfony/var-dumper
symfony/polyfill-mbstring symfony/polyfill-ctype symfony/string symfony/translation
symfony/mime symfony/mailer symfony/security-core laravel/framework laravel/laravel
illuminate/support illuminate/database guzzlehttp/guzzle guzzlehttp/psr7
guzzlehttp/promises monolog/monolog psr/log psr/http-message psr/container
psr/http-client psr/simple-cache doctrine/orm doctrine/dbal doctrine/inflector
doctrine/lexer doctrine/annotations phpunit/phpunit sebastian/diff mockery/mockery
fakerphp/faker nesbot/carbon vlucas/phpdotenv league/flysystem league/oauth2-client
twig/twig composer/composer ramsey/uuid firebase/php-jwt phpmailer/phpmailer
predis/predis aws/aws-sdk-php swiftmailer/swiftmailer nikic/php-parser
phpstan/phpstan squizlabs/php_codesniffer friendsofphp/php-cs-fixer egulias/email-validator
dompdf/dompdf phpoffice/phpspreadsheet intervention/image spatie/laravel-permission
""".split()

def norm_pypi(n):
    return re.sub(r"[-_.]+", "-", n).lower()

def write(eco, names, source):
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    path = os.path.join(OUT, f"{eco}.txt")
    with open(path, "w") as f:
        f.write(f"# {eco}: {len(out)} popular names, most popular first. Source: {source}\n")
        f.write("# Generated by bench/deps/build_popular.py; do not edit by hand.\n")
        for n in out:
            f.write(n + "\n")
    print(f"{path}: {len(out)} names", file=sys.stderr)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pypi"); ap.add_argument("--npm"); ap.add_argument("--go")
    ap.add_argument("--crates-index")
    ap.add_argument("--top", type=int, default=15000)
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    csv.field_size_limit(1 << 24)
    if a.pypi:
        rows = []
        with open(a.pypi, newline="") as f:
            for r in csv.reader(f, delimiter="\t"):
                if len(r) > 3 and r[3].isdigit():
                    rows.append((int(r[3]), norm_pypi(r[0])))
        rows.sort()
        write("pypi", [n for _, n in rows[: a.top]], "PyPI top-packages ranking (downloads)")
    if a.npm:
        rows = []
        with open(a.npm, newline="") as f:
            for r in csv.reader(f, delimiter="\t"):
                if len(r) > 2 and r[2].isdigit():
                    rows.append((-int(r[2]), r[0]))
        rows.sort()
        write("npm", [n for _, n in rows[: a.top]], "npm monthly downloads")
    if a.go:
        with open(a.go, newline="") as f:
            mods = [r[0] for r in csv.reader(f, delimiter="\t") if r and "." in r[0].split("/")[0] and " " not in r[0]]
        write("go", GO + mods, "hand-seeded most-imported Go modules, then modules served by the module proxy (partial list)")
    crates = list(CRATES)
    if a.crates_index:
        for root, _, files in os.walk(a.crates_index):
            if ".cache" in root:
                crates.extend(sorted(files))
    write("crates", [c.lower().replace("_", "-") for c in crates], "hand-seeded most-depended-upon crates, plus a local sparse-index cache")
    write("rubygems", RUBYGEMS, "hand-seeded most-downloaded gems")
    write("packagist", PACKAGIST, "hand-seeded most-installed Composer packages")

if __name__ == "__main__":
    main()
