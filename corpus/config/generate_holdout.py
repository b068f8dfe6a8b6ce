#!/usr/bin/env python3
"""Write the held-out part of the labelled configuration corpus: holdout/files/** and
holdout/labels.jsonl, with the same marker convention as generate.py.

These cases were written after the rules were developed against the development part,
in shapes that part does not use (other keys, syntaxes, nesting and tools), and scored
once before any change made because of them (BENCHMARKS.md, "Configuration analysis").
"""

import os

from generate import HERE, write_cases

CASES = []

# Dockerfiles ---------------------------------------------------------------------------
CASES.append(("billing/Dockerfile", """
FROM ubuntu  #@ docker/unpinned-base-image, docker/run-as-root
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get -y install wget php-cli  #@ docker/package-cache
RUN wget -q -O - https://getcomposer.org/installer | php  #@ docker/download-piped-to-shell
WORKDIR /var/www
COPY . /var/www
RUN chmod 0777 /var/www/storage  #@ docker/chmod-world-writable
CMD ["php", "-S", "0.0.0.0:8000", "-t", "public"]
""", []))

CASES.append(("scraper/Containerfile", """
FROM docker.io/library/python:3.10-bullseye
ARG GITHUB_TOKEN  #@ docker/secret-in-env
RUN pip install --no-cache-dir git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git
ENV SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_k2j3h4g5  #@ docker/secret-in-env
COPY credentials.json /app/credentials.json  #@ docker/secret-copied
RUN useradd scraper
USER scraper
CMD ["python", "/app/main.py"]
""", []))

CASES.append(("edge/Dockerfile.prod", """
FROM nginx:stable-alpine
RUN apk add --no-cache openssh  #@ docker/ssh-server
RUN echo "PasswordAuthentication yes" >> /etc/ssh/sshd_config  #@ docker/ssh-server
RUN apk add --allow-untrusted /tmp/custom.apk  #@ docker/verification-disabled, docker/package-cache
EXPOSE 80 22  #@ docker/ssh-server
CMD ["nginx", "-g", "daemon off;"]  #@ docker/run-as-root
""", []))

CASES.append(("runner/Dockerfile", """
ARG BASE=mcr.microsoft.com/dotnet/sdk
FROM ${BASE} AS build  #@ docker/unpinned-base-image
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /out
FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /out .
RUN ["/bin/bash", "-c", "curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 8.0"]  #@ docker/download-piped-to-shell
ENTRYPOINT ["dotnet", "Runner.dll"]  #@ docker/run-as-root
""", []))

CASES.append(("cli-hardened/Dockerfile", """
FROM rust:1.79.0-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked
FROM debian:12.6-slim
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg \\
 && curl -fsSL https://packages.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg \\
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/cli /usr/local/bin/cli
RUN useradd --system --uid 1001 cli && chmod 0755 /usr/local/bin/cli
USER cli
ENTRYPOINT ["cli"]
""", []))

CASES.append(("php-hardened/Dockerfile", """
FROM php:8.3.8-fpm-alpine3.20
RUN apk add --no-cache icu-libs
COPY --from=composer:2.7.7 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www
COPY --chown=www-data:www-data . .
RUN composer install --no-dev --no-interaction
USER www-data
""", []))

# Compose -------------------------------------------------------------------------------
CASES.append(("dev/docker-compose.override.yml", """
x-db-env: &db-env
  MARIADB_ROOT_PASSWORD: root
  MARIADB_DATABASE: wordpress
services:
  mariadb:  #@ compose/datastore-no-auth
    image: mariadb:11.4
    environment: *db-env
    ports:
      - target: 3306  #@ compose/datastore-exposed
        published: "3306"
        host_ip: 0.0.0.0
  memcached:
    image: memcached:1.6
    ports: ["11211:11211"]  #@ compose/datastore-exposed
  wordpress:
    image: wordpress:6.5
    environment:
      WORDPRESS_DB_PASSWORD: root  #@ compose/secret-in-environment
      WORDPRESS_AUTH_KEY: 'p0#K8z!Lq2@Vw7$Tn4'  #@ compose/secret-in-environment
""", []))

CASES.append(("ci/compose.yml", """
services:
  dind:
    image: docker:26-dind
    privileged: true  #@ compose/privileged
  runner:
    image: gitlab/gitlab-runner:v16.11.0
    volumes:
      - type: bind
        source: /var/run/docker.sock  #@ compose/host-mount
        target: /var/run/docker.sock
      - ~/.ssh:/home/runner/.ssh:ro  #@ compose/host-mount
    ipc: host  #@ compose/host-namespace
    cap_add: ["CAP_SYS_PTRACE"]  #@ compose/dangerous-capabilities
    security_opt:
      - label=disable  #@ compose/security-opt-disabled
""", []))

CASES.append(("graph/docker-compose.yaml", """
services:
  neo4j:  #@ compose/datastore-no-auth
    image: neo4j:5.20
    environment:
      NEO4J_AUTH: none
    ports:
      - "7474:7474"  #@ compose/datastore-exposed
      - "127.0.0.1:7687:7687"
  influx:
    image: influxdb:2.7
    ports:
      - "0.0.0.0:8086:8086"  #@ compose/datastore-exposed
""", []))

CASES.append(("prod-hardened/compose.yaml", """
services:
  proxy:
    image: caddy:2.8.4
    ports:
      - "80:80"
      - "443:443"
  api:
    image: ghcr.io/acme/api:3.1.0
    environment:
      DATABASE_URL_FILE: /run/secrets/database_url
      LOG_LEVEL: info
    secrets: [database_url]
    read_only: true
  postgres:
    image: postgres:16.3
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password
    secrets: [pg_password]
  valkey:
    image: valkey/valkey:7.2.5
    command: valkey-server --requirepass "$${VALKEY_PASSWORD}"
    environment:
      VALKEY_PASSWORD: ${VALKEY_PASSWORD:?set it}
secrets:
  database_url:
    environment: DATABASE_URL
  pg_password:
    file: ./secrets/pg_password
""", []))

# Kubernetes ----------------------------------------------------------------------------
CASES.append(("charts/rendered/statefulset.yaml", """
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  selector:
    matchLabels: {app: kafka}
  template:
    metadata:
      labels: {app: kafka}
    spec:
      initContainers:
        - name: sysctl  #@ k8s/run-as-root, k8s/writable-root-filesystem, k8s/missing-resource-limits
          image: busybox  #@ k8s/unpinned-image
          command: ["sysctl", "-w", "vm.max_map_count=262144"]
          securityContext:
            privileged: true  #@ k8s/privileged
      containers:
        - name: kafka  #@ k8s/run-as-root, k8s/privilege-escalation, k8s/writable-root-filesystem
          image: bitnami/kafka:3.7.0
          env:
            - name: KAFKA_CFG_SASL_PASSWORD
              value: kafka-admin-pass  #@ k8s/secret-in-env
          resources:
            limits: {cpu: "2", memory: 4Gi}
""", []))

CASES.append(("k8s/debug-pod.yml", """
apiVersion: v1
kind: Pod
metadata:
  name: node-debugger
spec:
  hostIPC: true  #@ k8s/host-namespace
  containers:
    - name: debugger  #@ k8s/writable-root-filesystem, k8s/missing-resource-limits
      image: ubuntu:24.04
      securityContext:
        runAsNonRoot: false  #@ k8s/run-as-root
        allowPrivilegeEscalation: false
        capabilities:
          add: ["NET_RAW", "SYS_PTRACE"]  #@ k8s/added-capabilities
  volumes:
    - name: root
      hostPath:
        path: /  #@ k8s/host-path
""", []))

CASES.append(("k8s/roles.yaml", """
apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: secrets-all, namespace: prod}
    rules:
      - apiGroups: [""]
        resources: ["secrets"]
        verbs: ["*"]  #@ k8s/rbac-wildcard
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: dev-admin, namespace: prod}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}  #@ k8s/cluster-admin-binding
    subjects: [{kind: Group, name: developers}]
""", []))

CASES.append(("k8s/mongo-svc.yaml", """
apiVersion: v1
kind: Service
metadata:
  name: mongodb
  labels: {app: mongodb}
spec:
  type: NodePort  #@ k8s/datastore-exposed
  ports:
    - name: mongo
      port: 27017
      nodePort: 32017
  selector: {app: mongodb}
""", []))

CASES.append(("k8s-hardened/job.yaml", """
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      securityContext:
        runAsUser: 1000
        runAsGroup: 1000
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: migrate
          image: ghcr.io/acme/migrate:1.2.0
          args: ["up"]
          envFrom:
            - secretRef: {name: migrate-db}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
          resources:
            limits: {cpu: 250m, memory: 128Mi}
""", []))

CASES.append(("k8s-hardened/ingress-svc.yaml", """
apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
spec:
  type: LoadBalancer
  selector: {app.kubernetes.io/name: ingress-nginx}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: https, port: 443, targetPort: https}
""", []))

# Terraform -----------------------------------------------------------------------------
CASES.append(("tf/firewall.tf", """
locals {
  anywhere   = ["0.0.0.0/0"]
  admin_port = 3389
}

resource "aws_security_group" "win" {
  name = "windows"
  ingress {
    from_port   = local.admin_port
    to_port     = local.admin_port
    protocol    = "tcp"
    cidr_blocks = local.anywhere  #@ terraform/open-ingress
  }
}

resource "aws_vpc_security_group_ingress_rule" "mongo" {
  security_group_id = aws_security_group.win.id
  cidr_ipv4         = "0.0.0.0/0"  #@ terraform/open-ingress
  from_port         = 27017
  to_port           = 27017
  ip_protocol       = "tcp"
}

resource "aws_network_acl_rule" "all_in" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"  #@ terraform/open-ingress
}
""", []))

CASES.append(("tf/policies.tf", """
data "aws_iam_policy_document" "ci" {
  statement {
    effect    = "Allow"
    actions   = ["*"]  #@ terraform/iam-wildcard
    resources = ["*"]
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]  #@ terraform/admin-policy-attached
}

resource "aws_iam_group_policy" "ops" {
  group = aws_iam_group.ops.name
  policy = jsonencode({  #@ terraform/iam-wildcard
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*"]
      Resource  = "*"
    }]
  })
}
""", []))

CASES.append(("tf/data.tf", """
resource "aws_rds_cluster" "aurora" {  #@ terraform/unencrypted-storage
  cluster_identifier = "reports"
  engine             = "aurora-postgresql"
  master_username    = "reports"
  master_password    = "R3ports!2024pass"  #@ terraform/hardcoded-password
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = false  #@ terraform/unencrypted-storage
}

resource "aws_redshift_cluster" "dw" {
  cluster_identifier  = "dw"
  node_type           = "dc2.large"
  master_username     = "dw"
  master_password     = var.dw_password
  encrypted           = true
  publicly_accessible = true  #@ terraform/public-database
}

resource "aws_elasticache_replication_group" "queue" {
  replication_group_id       = "queue"
  description                = "queue"
  transit_encryption_enabled = false  #@ terraform/elasticache-no-auth
  auth_token                 = var.redis_token
}
""", []))

CASES.append(("tf/cdn.tf", """
resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id   = "s3"
  }
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "allow-all"  #@ terraform/plain-http-listener
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({  #@ terraform/public-storage
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.site.arn}/*"
    }]
  })
}

resource "azurerm_storage_account" "blobs" {
  name                            = "acmeblobs"
  resource_group_name             = "rg"
  location                        = "westus"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true  #@ terraform/public-storage
  https_traffic_only_enabled      = false  #@ terraform/plain-http-listener
}
""", []))

CASES.append(("tf/providers.tf", """
provider "azurerm" {
  features {}
  client_id       = "00000000-0000-0000-0000-000000000000"
  client_secret   = "Q~8Xa.k2Lm_9Pw4Rt6Yv0Bn3Cd5Fg7Hj"  #@ terraform/provider-credentials
  tenant_id       = "11111111-1111-1111-1111-111111111111"
  subscription_id = "22222222-2222-2222-2222-222222222222"
}

resource "google_compute_firewall" "all" {
  name          = "allow-all"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]  #@ terraform/open-ingress
  allow {
    protocol = "all"
  }
}
""", []))

CASES.append(("tf-hardened/web.tf", """
resource "aws_security_group" "alb" {
  name = "alb"
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.main.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
}
""", []))

CASES.append(("tf-hardened/iam.tf", """
data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:123456789012:log-group:/app/*"]
  }
  statement {
    actions   = ["ec2:DescribeInstances", "cloudwatch:GetMetricData"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "google_project_iam_member" "logs" {
  project = "acme"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:app@acme.iam.gserviceaccount.com"
}
""", []))

# GitHub Actions ------------------------------------------------------------------------
CASES.append((".github/workflows/on-run.yml", """
name: post-process
on:
  workflow_run:
    workflows: ["ci"]
    types: [completed]
permissions:
  contents: read
  pull-requests: write
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4  #@ actions/persisted-credentials
        with:
          ref: ${{ github.event.workflow_run.head_sha }}  #@ actions/untrusted-checkout
      - run: ./scripts/report.sh
      - run: echo "branch ${{ github.event.workflow_run.head_branch }}"  #@ actions/template-injection
""", []))

CASES.append((".github/workflows/triage.yaml", """
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/github-script@v7
        with:
          script: |
            const title = "${{ github.event.issue.title }}"  #@ actions/template-injection
            await github.rest.issues.addLabels({owner: context.repo.owner, repo: context.repo.repo, issue_number: context.issue.number, labels: [title.split(' ')[0]]})
      - uses: peter-evans/create-or-update-comment@v4  #@ actions/unpinned-action
        with:
          issue-number: ${{ github.event.issue.number }}
          body: thanks
""", []))

CASES.append((".github/workflows/nightly.yml", """
name: nightly
on:
  schedule:
    - cron: "0 3 * * *"
jobs:  #@ actions/excessive-permissions
  build:
    runs-on: ubuntu-22.04
    container: docker://node:20  #@ actions/unpinned-action
    steps:
      - uses: actions/checkout@v4  #@ actions/persisted-credentials
      - run: wget -qO- https://sh.rustup.rs | sh -s -- -y  #@ actions/download-piped-to-shell
      - uses: docker://alpine:latest  #@ actions/unpinned-action
      - run: echo "::add-mask::${{ secrets.SIGNING_KEY }}" && printf '%s' "${{ secrets.SIGNING_KEY }}" | base64 -d > key.pem  #@ actions/secret-exposed
""", []))

CASES.append((".github/workflows/lint-hardened.yml", """
name: lint
on: [pull_request]
permissions: {}
jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: astral-sh/ruff-action@d0a0e814ec17e92d33be7d24dd922b479f1bcd38 # v1.1.1
      - env:
          BRANCH: ${{ github.head_ref }}
        run: echo "linting $BRANCH for PR ${{ github.event.pull_request.number }}"
""", []))

# nginx / redis / sshd ------------------------------------------------------------------
CASES.append(("etc/nginx/conf.d/default.conf", """
server {
    listen 8080;
    server_name _;  #@ nginx/plain-http, nginx/missing-security-headers
    root /usr/share/nginx/html;
    location /uploads/ {
        autoindex on;  #@ nginx/autoindex
    }
}
""", []))

CASES.append(("etc/nginx/nginx.conf", """
events {}
http {
    server_tokens on;  #@ nginx/server-tokens
    ssl_protocols SSLv3 TLSv1.2;  #@ nginx/weak-tls
    ssl_ciphers "EXP-RC4-MD5:DES-CBC3-SHA:HIGH";  #@ nginx/weak-tls
    server {
        listen 443 ssl;
        server_name portal.example.net;
        ssl_certificate /etc/ssl/portal.pem;
        ssl_certificate_key /etc/ssl/portal.key;
        add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'";
        add_header Strict-Transport-Security "max-age=31536000";
        add_header X-Content-Type-Options nosniff;
        location /graphql {
            add_header Access-Control-Allow-Origin $http_origin always;  #@ nginx/cors-wildcard, nginx/header-redefinition
            add_header Access-Control-Allow-Credentials "true" always;
            proxy_pass http://graphql:4000;
        }
    }
}
""", []))

CASES.append(("etc/nginx/sites-available/api-hardened", """
server {
    listen 443 ssl;
    server_name api.example.net;
    ssl_certificate /etc/ssl/api.pem;
    ssl_certificate_key /etc/ssl/api.key;
    ssl_protocols TLSv1.3;
    include snippets/security-headers.conf;
    location / {
        proxy_pass http://127.0.0.1:9000;
    }
}
server {
    listen 80;
    server_name api.example.net;
    location / {
        return 308 https://$host$request_uri;
    }
}
""", []))

CASES.append(("deploy/redis/redis.conf", """
bind * -::*  #@ redis/network-exposed, redis/no-auth, redis/dangerous-commands
port 6379
user default on nopass ~* &* +@all
""", []))

CASES.append(("deploy/redis/redis-replica.conf", """
bind 192.168.10.20  #@ redis/dangerous-commands
requirepass "Repl1caP4ss!"
masterauth "Repl1caP4ss!"
replicaof 192.168.10.10 6379
""", []))

CASES.append(("deploy/redis-hardened/redis.conf", """
bind 127.0.0.1
protected-mode no
port 6379
user default off
user app on >k3Jq9vN2xT8wLp5R ~app:* +@read +@write -@dangerous
""", []))

CASES.append(("etc/ssh/sshd_config.d/10-ops.conf", """
Match Group ops
    PermitRootLogin yes  #@ sshd/root-login
    PasswordAuthentication yes  #@ sshd/password-authentication
""", []))

CASES.append(("image/sshd_config", """
KbdInteractiveAuthentication yes  #@ sshd/password-authentication
PermitRootLogin without-password
PermitEmptyPasswords no
""", []))

CASES.append(("etc/ssh-hardened/sshd_config", """
Port 2222
PermitRootLogin prohibit-password
PasswordAuthentication no
PermitEmptyPasswords no
Match Address 10.1.0.0/16
    PasswordAuthentication no
""", []))

# Agents and MCP ------------------------------------------------------------------------
CASES.append(("app/.claude/settings.local.json", """
{
  "permissions": {
    "allow": ["Bash(:*)", "WebFetch"]  #@ agent/shell-allowed-wholesale
  },
  "env": {
    "GITHUB_TOKEN": "ghp_8Jq2vN5xT9wLp3RmZ7bY4cD6fG1hK0aS2uEi"  #@ agent/credentials-in-settings
  }
}
""", []))

CASES.append(("home/claude_desktop_config.json", """
{
  "mcpServers": {
    "brave": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-brave-search"],  #@ mcp/unpinned-package
      "env": {"BRAVE_API_KEY": "BSAx8Kq2vN5xT9wLp3RmZ7bY4cD"}  #@ mcp/inline-secret
    },
    "home": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@0.6.2", "~"]  #@ mcp/broad-filesystem
    }
  }
}
""", []))

CASES.append(("ws/.vscode/mcp.json", """
{
  "servers": {
    "internal": {
      "type": "http",
      "url": "http://10.0.4.12:7000/mcp"  #@ mcp/plain-http
    },
    "py": {
      "type": "stdio",
      "command": "pipx",
      "args": ["run", "mcp-server-fetch"]  #@ mcp/unpinned-package
    }
  }
}
""", []))

CASES.append(("ws/.roo/mcp.json", """
{
  "mcpServers": {
    "db": {
      "command": "node",
      "args": ["./tools/db-mcp.js", "--token", "dbt_live_83hD92kd83hD92kd"],  #@ mcp/inline-secret
      "autoApprove": true  #@ mcp/tools-auto-approved
    }
  }
}
""", []))

CASES.append(("ws/.codex/config.toml", """
[profiles.yolo]
approval_policy = "never"  #@ agent/permission-prompts-bypassed
sandbox_mode = "danger-full-access"

[mcp_servers.remote]
url = "http://mcp.corp.example:9000/mcp"  #@ mcp/plain-http
""", []))

CASES.append(("ws-hardened/.gemini/settings.json", """
{
  "tools": {"allowed": ["run_shell_command(git status)", "run_shell_command(npm test)"]},
  "mcpServers": {
    "docs": {"httpUrl": "https://docs.example.com/mcp", "headers": {"Authorization": "Bearer $DOCS_TOKEN"}}
  }
}
""", []))

CASES.append(("ws-hardened/.mcp.json", """
{
  "mcpServers": {
    "playwright": {"command": "npx", "args": ["@playwright/mcp@0.0.30", "--headless"]},
    "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "./src", "./docs"]},
    "sentry": {"command": "uvx", "args": ["--from", "mcp-server-sentry==0.6.1", "mcp-server-sentry"], "env": {"SENTRY_TOKEN": "${SENTRY_TOKEN}"}}
  }
}
""", []))

# .env / package.json --------------------------------------------------------------------
CASES.append(("service/.env.production", """
APP_ENV=production
MONGO_URI=mongodb+srv://svc:Vx92kLmQ7p@cluster0.abcde.mongodb.net/prod  #@ dotenv/committed-secret
AWS_SECRET_ACCESS_KEY=Kx8s9Lm2Pq7Rt4Vw1Yz6Bn3Cd5Fg8Hj0Kl2Mn4Pq  #@ dotenv/committed-secret
FEATURE_FLAGS=search,checkout
""", []))

CASES.append(("service-hardened/.env", """
APP_ENV=development
MONGO_URI=mongodb://localhost:27017/dev
AWS_SECRET_ACCESS_KEY=
API_TOKEN=<set-me>
""", []))

CASES.append(("native/package.json", """
{
  "name": "fast-image",
  "version": "0.9.0",
  "scripts": {
    "install": "node-gyp rebuild",
    "postinstall": "wget -qO- https://bin.example.net/fast-image/install | sh",  #@ npm/install-script-download
    "prepare": "bash -c \\"$(curl -fsSL https://bin.example.net/prepare.sh)\\""  #@ npm/install-script-download
  }
}
""", []))


if __name__ == "__main__":
    root = os.path.join(HERE, "holdout")
    os.makedirs(root, exist_ok=True)
    write_cases(CASES, root, os.path.join(root, "labels.jsonl"))
