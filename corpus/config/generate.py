#!/usr/bin/env python3
"""Write the labelled configuration corpus (development part): files/** and labels.jsonl.

Each case is a realistic file. An insecure line carries a marker `  #@ rule/id[, rule/id]`
at its end, which this script strips from the file and records as a label
{"file", "line", "rule"}. A case without markers is a hardened look-alike: any finding on
it is a false positive ({"file", "clean": true}). Every case is written in a few variants
(names, versions, ports and paths changed) so the same mistake is seen in several shapes.

Edit this script, never the generated files; then run `python3 corpus/config/generate.py`.
The held-out part is `generate_holdout.py` (written after the rules were tuned on this).
"""

import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"\s+#@ ([a-z0-9/,\- ]+)$")


def variants(text, subs):
    """The case itself, then one variant per substitution set."""
    out = [text]
    for s in subs:
        t = text
        for a, b in s.items():
            t = t.replace(a, b)
        out.append(t)
    return out


def write_cases(cases, root, labels_path):
    files_dir = os.path.join(root, "files")
    if os.path.isdir(files_dir):
        shutil.rmtree(files_dir)
    labels = []
    for path, text, subs in cases:
        for i, body in enumerate(variants(text, subs)):
            rel = path if i == 0 else insert_variant(path, i)
            lines = []
            rules_here = []
            for n, line in enumerate(body.strip("\n").split("\n"), start=1):
                m = MARK.search(line)
                if m:
                    line = line[: m.start()]
                    for rule in m.group(1).split(","):
                        rules_here.append({"file": rel, "line": n, "rule": rule.strip()})
                lines.append(line)
            dest = os.path.join(files_dir, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "w") as f:
                f.write("\n".join(lines) + "\n")
            if rules_here:
                labels.extend(rules_here)
            else:
                labels.append({"file": rel, "clean": True})
    with open(labels_path, "w") as f:
        for l in labels:
            f.write(json.dumps(l, sort_keys=True) + "\n")
    n_files = len({l["file"] for l in labels})
    n_clean = sum(1 for l in labels if l.get("clean"))
    print(f"{n_files} files ({n_clean} hardened), {len(labels) - n_clean} labelled findings -> {labels_path}")


def insert_variant(path, i):
    """`svc/Dockerfile` -> `svc-v2/Dockerfile`: the file name (which names the kind) stays."""
    d, name = os.path.split(path)
    if not d:
        return f"v{i + 1}/{name}"
    head, last = os.path.split(d)
    return os.path.join(head, f"{last}-v{i + 1}", name)


# --------------------------------------------------------------------------------------
# Dockerfiles
# --------------------------------------------------------------------------------------
CASES = []

CASES.append(("api/Dockerfile", """
FROM node:latest  #@ docker/unpinned-base-image
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
EXPOSE 3000
CMD ["npm", "start"]  #@ docker/run-as-root
""", [{"node:latest": "node:latest", "3000": "8080", "/usr/src/app": "/app"}]))

CASES.append(("worker/Dockerfile", """
FROM python:3.11
ENV PYTHONUNBUFFERED=1
ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI9K7MDENGbPxRfiCYzEXAMPLEKEY1  #@ docker/secret-in-env
WORKDIR /app
RUN apt-get update && apt-get install -y build-essential libpq-dev  #@ docker/package-cache
COPY requirements.txt .
RUN pip install -r requirements.txt  #@ docker/package-cache
COPY . .
CMD ["celery", "-A", "tasks", "worker"]  #@ docker/run-as-root
""", [{"python:3.11": "python:3.12-slim", "celery": "rq"}]))

CASES.append(("tools/Dockerfile", """
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://get.docker.com | sh  #@ docker/download-piped-to-shell
RUN curl -sL https://deb.nodesource.com/setup_20.x | bash -  #@ docker/download-piped-to-shell
RUN useradd -m runner
USER runner
""", [{"ubuntu:22.04": "debian:12.5", "runner": "builder"}]))

CASES.append(("legacy/Dockerfile", """
FROM centos:7
RUN yum install -y openssh-server sudo  #@ docker/ssh-server, docker/package-cache
RUN echo 'root:toor' | chpasswd
RUN sed -i 's/#PermitRootLogin yes/PermitRootLogin yes/' /etc/ssh/sshd_config  #@ docker/ssh-server
ADD https://downloads.example.org/agent/agent-latest.tar.gz /opt/agent/  #@ docker/add-remote-url
RUN chmod -R 777 /opt/agent  #@ docker/chmod-world-writable
EXPOSE 22  #@ docker/ssh-server
CMD ["/usr/sbin/sshd", "-D"]  #@ docker/ssh-server, docker/run-as-root
""", [{"centos:7": "rockylinux:9.3", "/opt/agent": "/srv/agent"}]))

CASES.append(("frontend/Dockerfile", """
FROM node:20-alpine AS build
WORKDIR /app
ARG NPM_TOKEN  #@ docker/secret-in-env
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc
COPY . .
RUN npm ci && npm run build && rm -f .npmrc

FROM nginx  #@ docker/unpinned-base-image, docker/run-as-root
COPY --from=build /app/dist /usr/share/nginx/html
COPY .env /usr/share/nginx/html/.env  #@ docker/secret-copied
""", [{"node:20-alpine": "node:18.20-alpine", "/app/dist": "/app/build"}]))

CASES.append(("ml/Dockerfile", """
FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04
ENV NODE_TLS_REJECT_UNAUTHORIZED=0  #@ docker/verification-disabled
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
RUN pip3 install --no-cache-dir --trusted-host pypi.internal.example torch  #@ docker/verification-disabled
RUN wget --no-check-certificate https://models.example.com/weights.bin -O /models/w.bin  #@ docker/verification-disabled
COPY id_rsa /root/.ssh/id_rsa  #@ docker/secret-copied
USER 1000
""", [{"torch": "transformers", "/models": "/opt/models"}]))

CASES.append(("jobs/Dockerfile", """
FROM alpine:3.19
RUN apk add curl bash  #@ docker/package-cache
RUN <<EOF
set -e
curl -fsSL https://raw.githubusercontent.com/example/tool/main/install.sh | bash  #@ docker/download-piped-to-shell
EOF
RUN adduser -D job
USER root  #@ docker/run-as-root
ENTRYPOINT ["/usr/local/bin/run-job"]
""", [{"alpine:3.19": "alpine:3.20", "run-job": "cron-job"}]))

CASES.append(("svc/Dockerfile", """
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN sudo go build -o /out/svc ./cmd/svc  #@ docker/sudo
FROM debian:bookworm-slim
COPY --from=build /out/svc /usr/local/bin/svc
ENV DB_PASSWORD=Pr0d-Passw0rd-2024  #@ docker/secret-in-env
CMD ["svc"]  #@ docker/run-as-root
""", [{"golang:1.22": "golang:1.21", "svc": "gateway"}]))

# hardened Dockerfiles
CASES.append(("api-hardened/Dockerfile", """
# syntax=docker/dockerfile:1.7
FROM node:20.12.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev
FROM node:20.12.2-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
""", [{"20.12.2": "22.2.0", "3000": "8080"}]))

CASES.append(("worker-hardened/Dockerfile", """
FROM python:3.12.3-slim-bookworm
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \\
 && apt-get install -y --no-install-recommends libpq5 \\
 && rm -rf /var/lib/apt/lists/*
RUN groupadd -r app && useradd -r -g app app
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=app:app . .
ENV DATABASE_PASSWORD_FILE=/run/secrets/db_password
USER app
CMD ["python", "-m", "worker"]
""", [{"worker": "consumer"}]))

CASES.append(("tools-hardened/Dockerfile", """
FROM debian:12.5-slim
ARG TOOL_VERSION=1.6.0
ARG TOOL_SHA256=3f0c4e9a6d1b2e8f7a5c4d3b2a190817263544536271809a8b7c6d5e4f3a2b1c
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
 && curl -fsSLo /tmp/tool.tgz "https://releases.example.com/tool/v${TOOL_VERSION}/tool-linux-amd64.tgz" \\
 && echo "${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c - \\
 && tar -xzf /tmp/tool.tgz -C /usr/local/bin \\
 && rm -rf /var/lib/apt/lists/* /tmp/tool.tgz
RUN useradd --uid 10001 --no-create-home tool
USER 10001
ENTRYPOINT ["/usr/local/bin/tool"]
""", []))

CASES.append(("static-hardened/Dockerfile", """
FROM golang:1.22.4-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
""", [{"/out/app": "/out/server"}]))

# --------------------------------------------------------------------------------------
# docker-compose
# --------------------------------------------------------------------------------------
CASES.append(("stack/docker-compose.yml", """
version: "3.8"
services:
  web:
    build: .
    ports:
      - "8000:8000"
    environment:
      - DATABASE_URL=postgres://app@db:5432/app
      - SECRET_KEY=9f3kLx2Qw8Zr5Tn1Vb7M  #@ compose/secret-in-environment
    depends_on: [db, redis]
  db:  #@ compose/datastore-no-auth
    image: postgres:15
    environment:
      POSTGRES_PASSWORD: postgres
    ports:
      - "5432:5432"  #@ compose/datastore-exposed
  redis:  #@ compose/datastore-no-auth
    image: redis:7
    ports:
      - "6379:6379"  #@ compose/datastore-exposed
""", [{"8000": "3000", "postgres:15": "postgres:16", "redis:7": "redis:7.2"}]))

CASES.append(("ops/docker-compose.yml", """
services:
  portainer:
    image: portainer/portainer-ce:2.19.4
    privileged: true  #@ compose/privileged
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock  #@ compose/host-mount
      - portainer_data:/data
    ports:
      - "9443:9443"
  node-exporter:
    image: prom/node-exporter:v1.7.0
    network_mode: host  #@ compose/host-namespace
    pid: host  #@ compose/host-namespace
    volumes:
      - /:/host:ro,rslave  #@ compose/host-mount
volumes:
  portainer_data: {}
""", [{"9443": "9000", "v1.7.0": "v1.8.1"}]))

CASES.append(("vpn/docker-compose.yml", """
services:
  wireguard:
    image: linuxserver/wireguard:1.0.20210914
    cap_add:
      - NET_ADMIN  #@ compose/dangerous-capabilities
      - SYS_MODULE  #@ compose/dangerous-capabilities
    security_opt:
      - apparmor:unconfined  #@ compose/security-opt-disabled
    ports:
      - "51820:51820/udp"
  debug:
    image: nicolaka/netshoot:v0.12
    cap_add: [ALL]  #@ compose/dangerous-capabilities
    security_opt: ["seccomp=unconfined"]  #@ compose/security-opt-disabled
""", [{"wireguard": "wg"}]))

CASES.append(("data/docker-compose.yml", """
services:
  mongo:  #@ compose/datastore-no-auth
    image: mongo:6.0
    ports:
      - "27017:27017"  #@ compose/datastore-exposed
    volumes:
      - mongo-data:/data/db
  es:  #@ compose/datastore-no-auth
    image: docker.elastic.co/elasticsearch/elasticsearch:8.11.1
    environment:
      - discovery.type=single-node
      - xpack.security.enabled=false
    ports:
      - 9200:9200  #@ compose/datastore-exposed
  mysql:  #@ compose/datastore-no-auth
    image: mysql:8.0
    environment:
      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"
      MYSQL_DATABASE: shop
volumes:
  mongo-data: {}
""", [{"mongo:6.0": "mongo:7.0", "8.0": "8.4"}]))

CASES.append(("queue/compose.yaml", """
services:
  rabbit:  #@ compose/datastore-no-auth
    image: rabbitmq:3.12-management
    ports:
      - "5672:5672"  #@ compose/datastore-exposed
      - "15672:15672"  #@ compose/datastore-exposed
  api:
    image: example/api:2.3.1
    environment:
      STRIPE_API_KEY: sk_live_51NfQ2kLmN8pQrStUvWxYz012  #@ compose/secret-in-environment
      RABBITMQ_URL: amqp://rabbit:5672
""", [{"3.12-management": "3.13-management"}]))

CASES.append(("stack-hardened/docker-compose.yml", """
services:
  web:
    image: registry.example.com/shop/web:1.4.0
    ports:
      - "127.0.0.1:8000:8000"
    environment:
      DATABASE_HOST: db
      DATABASE_PASSWORD_FILE: /run/secrets/db_password
      SECRET_KEY: ${SECRET_KEY}
    secrets: [db_password]
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
  db:
    image: postgres:16.2-alpine
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets: [db_password]
    expose: ["5432"]
  redis:
    image: redis:7.2.4-alpine
    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]
secrets:
  db_password:
    file: ./secrets/db_password.txt
""", [{"8000": "3000"}]))

CASES.append(("data-hardened/docker-compose.yml", """
services:
  mongo:
    image: mongo:7.0.8
    environment:
      MONGO_INITDB_ROOT_USERNAME: admin
      MONGO_INITDB_ROOT_PASSWORD_FILE: /run/secrets/mongo_root
    secrets: [mongo_root]
    ports:
      - "127.0.0.1:27017:27017"
  rabbit:
    image: rabbitmq:3.13.1-management
    environment:
      RABBITMQ_DEFAULT_USER: shop
      RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD}
secrets:
  mongo_root:
    file: ./secrets/mongo_root.txt
""", []))

# --------------------------------------------------------------------------------------
# Kubernetes
# --------------------------------------------------------------------------------------
CASES.append(("k8s/api-deployment.yaml", """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api  #@ k8s/run-as-root, k8s/privilege-escalation, k8s/writable-root-filesystem, k8s/missing-resource-limits
          image: registry.example.com/api:latest  #@ k8s/unpinned-image
          ports:
            - containerPort: 8080
          env:
            - name: DATABASE_PASSWORD
              value: "s3cr3tPassw0rd!"  #@ k8s/secret-in-env
""", [{"name: api": "name: orders", "app: api": "app: orders"}, {"name: api": "name: billing", "app: api": "app: billing", "8080": "9090"}]))

CASES.append(("k8s/agent-daemonset.yaml", """
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      hostNetwork: true  #@ k8s/host-namespace
      hostPID: true  #@ k8s/host-namespace
      containers:
        - name: agent  #@ k8s/run-as-root, k8s/writable-root-filesystem
          image: example/node-agent:3.2.1
          securityContext:
            privileged: true  #@ k8s/privileged
            capabilities:
              add: ["SYS_ADMIN"]  #@ k8s/added-capabilities
          resources:
            limits: {cpu: 200m, memory: 256Mi}
          volumeMounts:
            - {name: dockersock, mountPath: /var/run/docker.sock}
      volumes:
        - name: dockersock
          hostPath:
            path: /var/run/docker.sock  #@ k8s/host-path
""", [{"node-agent": "log-shipper"}]))

CASES.append(("k8s/rbac.yaml", """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployer
rules:
  - apiGroups: ["*"]
    resources: ["*"]  #@ k8s/rbac-wildcard
    verbs: ["*"]  #@ k8s/rbac-wildcard
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-cluster-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin  #@ k8s/cluster-admin-binding
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: ci
""", [{"deployer": "operator", "ci": "jenkins"}]))

CASES.append(("k8s/redis.yaml", """
apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  type: LoadBalancer  #@ k8s/datastore-exposed
  selector:
    app: redis
  ports:
    - port: 6379
      targetPort: 6379
---
apiVersion: v1
kind: Service
metadata:
  name: pg
spec:
  type: NodePort  #@ k8s/datastore-exposed
  selector:
    app: pg
  ports:
    - port: 5432
      nodePort: 30432
""", [{"redis": "cache"}]))

CASES.append(("k8s/backup-cronjob.yaml", """
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          securityContext:
            runAsUser: 0  #@ k8s/run-as-root
          containers:
            - name: backup  #@ k8s/missing-resource-limits
              image: postgres:16.2
              securityContext:
                allowPrivilegeEscalation: true  #@ k8s/privilege-escalation
                readOnlyRootFilesystem: false  #@ k8s/writable-root-filesystem
              volumeMounts:
                - {name: backups, mountPath: /backups}
          volumes:
            - name: backups
              hostPath:
                path: /mnt/backups  #@ k8s/host-path
""", [{"backup": "dump"}]))

CASES.append(("k8s-hardened/web.yaml", """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: registry.example.com/web:2.4.1@sha256:0d6f1c7d1b9f0a0e1b4b8f3c2a1d9e8f7c6b5a4d3c2b1a0f9e8d7c6b5a4f3e2d
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: ["ALL"]}
          env:
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef: {name: web-db, key: password}
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 500m, memory: 256Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
    - port: 443
      targetPort: 8443
""", [{"web": "shop"}, {"web": "portal", "8443": "9443"}]))

CASES.append(("k8s-hardened/rbac.yaml", """
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: config-reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
  - kind: ServiceAccount
    name: web
    namespace: shop
""", []))

# --------------------------------------------------------------------------------------
# Terraform
# --------------------------------------------------------------------------------------
CASES.append(("infra/network.tf", """
resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = aws_vpc.main.id
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]  #@ terraform/open-ingress
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]  #@ terraform/open-ingress
  }
}

resource "aws_security_group_rule" "all" {
  type              = "ingress"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]  #@ terraform/open-ingress
  security_group_id = aws_security_group.bastion.id
}
""", [{"bastion": "jump", "3306": "5432"}]))

CASES.append(("infra/storage.tf", """
resource "aws_s3_bucket" "assets" {
  bucket = "acme-public-assets"
}

resource "aws_s3_bucket_acl" "assets" {
  bucket = aws_s3_bucket.assets.id
  acl    = "public-read"  #@ terraform/public-storage
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = false  #@ terraform/public-storage
  block_public_policy     = false  #@ terraform/public-storage
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_ebs_volume" "data" {  #@ terraform/unencrypted-storage
  availability_zone = "us-east-1a"
  size              = 100
}
""", [{"assets": "media", "us-east-1a": "eu-west-1b"}]))

CASES.append(("infra/iam.tf", """
resource "aws_iam_policy" "app" {
  name = "app-policy"
  policy = <<EOF  #@ terraform/iam-wildcard
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_user_policy_attachment" "admin" {
  user       = aws_iam_user.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"  #@ terraform/admin-policy-attached
}

resource "aws_iam_role_policy" "lambda" {
  name = "lambda"
  role = aws_iam_role.lambda.id
  policy = jsonencode({  #@ terraform/iam-wildcard
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*", "dynamodb:*"]
      Resource = "*"
    }]
  })
}
""", [{"app-policy": "svc-policy", "deploy": "ci"}]))

CASES.append(("infra/database.tf", """
variable "db_password" {
  default = "ChangeMe123!"
}

resource "aws_db_instance" "main" {  #@ terraform/unencrypted-storage
  identifier          = "app-db"
  engine              = "mysql"
  engine_version      = "8.0"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  username            = "admin"
  password            = var.db_password  #@ terraform/hardcoded-password
  publicly_accessible = true  #@ terraform/public-database
  skip_final_snapshot = true
}

resource "aws_elasticache_replication_group" "cache" {  #@ terraform/elasticache-no-auth, terraform/unencrypted-storage
  replication_group_id = "app-cache"
  description          = "cache"
  engine               = "redis"
  node_type            = "cache.t3.micro"
  num_cache_clusters   = 2
}
""", [{"app-db": "orders-db", "mysql": "postgres"}]))

CASES.append(("infra/lb.tf", """
provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"  #@ terraform/provider-credentials
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"  #@ terraform/provider-credentials
}

resource "aws_lb_listener" "front" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"  #@ terraform/plain-http-listener
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
""", [{"front": "public"}]))

CASES.append(("gcp/main.tf", """
resource "google_compute_firewall" "allow_ssh" {
  name    = "allow-ssh"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["0.0.0.0/0"]  #@ terraform/open-ingress
}

resource "google_storage_bucket_iam_binding" "public" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.objectViewer"
  members = ["allUsers"]  #@ terraform/public-storage
}

resource "google_project_iam_binding" "editors" {
  project = "acme-prod"
  role    = "roles/editor"  #@ terraform/admin-policy-attached
  members = ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]
}
""", [{"acme-prod": "acme-staging"}]))

CASES.append(("azure/main.tf", """
resource "azurerm_network_security_group" "web" {
  name                = "web-nsg"
  location            = "westeurope"
  resource_group_name = "rg-web"
  security_rule {
    name                       = "rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "Internet"  #@ terraform/open-ingress
    destination_address_prefix = "*"
  }
}

resource "azurerm_storage_container" "public" {
  name                  = "public"
  storage_account_name  = "acmestorage"
  container_access_type = "container"  #@ terraform/public-storage
}

resource "azurerm_postgresql_firewall_rule" "any" {
  name                = "any"
  resource_group_name = "rg-db"
  server_name         = "acme-pg"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"  #@ terraform/public-database
}
""", [{"westeurope": "northeurope"}]))

CASES.append(("infra-hardened/main.tf", """
variable "allowed_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

resource "aws_security_group" "app" {
  name = "app"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.allowed_cidr]
  }
}

resource "aws_db_instance" "main" {
  identifier                  = "app-db"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = false
}

resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
    }]
  })
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
""", [{"app-db": "shop-db"}]))

CASES.append(("storage-hardened/s3.tf", """
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "sessions"
  engine                     = "redis"
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  auth_token                 = random_password.redis.result
}
""", []))

# --------------------------------------------------------------------------------------
# GitHub Actions
# --------------------------------------------------------------------------------------
CASES.append((".github/workflows/pr-comment.yml", """
name: PR comment
on:
  issue_comment:
    types: [created]
jobs:  #@ actions/excessive-permissions
  respond:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4  #@ actions/persisted-credentials
      - name: echo comment
        run: |
          echo "Comment: ${{ github.event.comment.body }}"  #@ actions/template-injection
          echo "Issue: ${{ github.event.issue.title }}"  #@ actions/template-injection
""", [{"respond": "reply"}]))

CASES.append((".github/workflows/pr-target.yml", """
name: build PR
on: pull_request_target
permissions: write-all  #@ actions/excessive-permissions
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4  #@ actions/persisted-credentials
        with:
          ref: ${{ github.event.pull_request.head.ref }}  #@ actions/untrusted-checkout
      - run: npm ci && npm run build
      - uses: some-org/deploy-preview@v2  #@ actions/unpinned-action
        with:
          token: ${{ secrets.GITHUB_TOKEN }}
""", [{"build": "preview"}]))

CASES.append((".github/workflows/release.yml", """
name: release
on:
  push:
    tags: ["v*"]
permissions:
  contents: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4  #@ actions/persisted-credentials
      - run: curl -sSL https://install.example.dev | bash  #@ actions/download-piped-to-shell
      - run: echo "${{ secrets.NPM_TOKEN }}" > ~/.npmrc  #@ actions/secret-exposed
      - run: docker login -u bot -p ${{ secrets.DOCKER_PASSWORD }}  #@ actions/secret-exposed
      - uses: softprops/action-gh-release@v1  #@ actions/unpinned-action
""", [{"publish": "ship"}]))

CASES.append((".github/workflows/self-hosted.yml", """
name: test
on: [pull_request]
permissions:
  contents: read
env:
  ACTIONS_ALLOW_UNSECURE_COMMANDS: "true"  #@ actions/insecure-commands
jobs:
  test:
    runs-on: [self-hosted, gpu]  #@ actions/self-hosted-pull-request
    steps:
      - uses: actions/checkout@v4  #@ actions/persisted-credentials
      - run: make test BRANCH=${{ github.head_ref }}  #@ actions/template-injection
""", [{"gpu": "linux"}]))

CASES.append((".github/workflows/ci-hardened.yml", """
name: ci
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0
        with:
          node-version: 20
      - run: npm ci && npm test
      - name: comment title
        env:
          TITLE: ${{ github.event.pull_request.title }}
        run: 'echo "PR: $TITLE"'
""", [{"test": "check"}]))

CASES.append((".github/workflows/deploy-hardened.yml", """
name: deploy
on:
  push:
    branches: [main]
permissions:
  contents: read
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: us-east-1
      - name: deploy
        env:
          API_TOKEN: ${{ secrets.API_TOKEN }}
        run: ./scripts/deploy.sh
""", []))

# --------------------------------------------------------------------------------------
# nginx, redis, sshd
# --------------------------------------------------------------------------------------
CASES.append(("nginx/site.conf", """
server {
    listen 80;
    server_name app.example.com;  #@ nginx/plain-http, nginx/missing-security-headers
    server_tokens on;  #@ nginx/server-tokens
    location / {
        proxy_pass http://127.0.0.1:3000;
    }
    location /files {
        alias /srv/files;
        autoindex on;  #@ nginx/autoindex
    }
}
""", [{"app.example.com": "portal.example.com", "3000": "8080"}]))

CASES.append(("nginx/api.conf", """
server {
    listen 443 ssl;
    server_name api.example.com;  #@ nginx/missing-security-headers
    ssl_certificate /etc/letsencrypt/live/api/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/api/privkey.pem;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;  #@ nginx/weak-tls
    location / {
        add_header Access-Control-Allow-Origin *;  #@ nginx/cors-wildcard
        add_header Access-Control-Allow-Credentials true;
        proxy_pass http://backend;
    }
}
""", [{"api.example.com": "data.example.com"}]))

CASES.append(("nginx/headers.conf", """
server {
    listen 443 ssl;
    server_name shop.example.com;
    ssl_certificate /etc/ssl/shop.crt;
    ssl_certificate_key /etc/ssl/shop.key;
    add_header Strict-Transport-Security "max-age=31536000" always;
    add_header Content-Security-Policy "default-src 'self'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options SAMEORIGIN always;
    location /assets/ {
        add_header Cache-Control "public, max-age=604800";  #@ nginx/header-redefinition
        root /var/www;
    }
    location /api/ {
        add_header Access-Control-Allow-Origin $http_origin;  #@ nginx/cors-wildcard, nginx/header-redefinition
        proxy_pass http://api:8080;
    }
}
""", []))

CASES.append(("nginx-hardened/site.conf", """
server {
    listen 80;
    server_name app.example.com;
    return 301 https://$host$request_uri;
}
server {
    listen 443 ssl http2;
    server_name app.example.com;
    server_tokens off;
    ssl_certificate /etc/letsencrypt/live/app/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/app/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
    add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'self'" always;
    add_header X-Content-Type-Options "nosniff" always;
    location / {
        proxy_pass http://127.0.0.1:3000;
    }
}
""", [{"app.example.com": "www.example.org"}]))

CASES.append(("redis/redis.conf", """
bind 0.0.0.0  #@ redis/network-exposed, redis/no-auth, redis/dangerous-commands
protected-mode no
port 6379
daemonize no
appendonly yes
""", [{"6379": "6380"}]))

CASES.append(("cache/redis.conf", """
# bind 127.0.0.1
protected-mode no  #@ redis/network-exposed, redis/no-auth, redis/dangerous-commands
port 6379
maxmemory 512mb
maxmemory-policy allkeys-lru
""", []))

CASES.append(("session/redis.conf", """
bind 10.0.2.15  #@ redis/no-auth, redis/dangerous-commands
port 6379
save 900 1
""", []))

CASES.append(("redis-hardened/redis.conf", """
bind 127.0.0.1 ::1
protected-mode yes
port 6379
requirepass "${REDIS_PASSWORD}"
rename-command CONFIG ""
rename-command FLUSHALL ""
""", [{"6379": "6380"}]))

CASES.append(("ssh/sshd_config", """
Include /etc/ssh/sshd_config.d/*.conf
Port 22
PermitRootLogin yes  #@ sshd/root-login
PasswordAuthentication yes  #@ sshd/password-authentication
PermitEmptyPasswords yes  #@ sshd/empty-passwords
ChallengeResponseAuthentication no
UsePAM yes
X11Forwarding yes
Subsystem sftp /usr/lib/openssh/sftp-server
""", [{"Port 22": "Port 2222"}]))

CASES.append(("ssh-hardened/sshd_config", """
Port 22
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
PubkeyAuthentication yes
AllowUsers deploy
""", [{"deploy": "ops"}]))

# --------------------------------------------------------------------------------------
# Agents' settings and MCP
# --------------------------------------------------------------------------------------
CASES.append(("proj/.claude/settings.json", """
{  #@ agent/gate-hook-missing
  "permissions": {
    "allow": ["Bash(*)", "Read", "Write", "Edit"],  #@ agent/shell-allowed-wholesale
    "defaultMode": "bypassPermissions"  #@ agent/permission-prompts-bypassed
  },
  "enableAllProjectMcpServers": true  #@ agent/all-mcp-servers-enabled
}
""", []))

CASES.append(("proj2/.claude/settings.json", """
{
  "env": {
    "OPENAI_API_KEY": "sk-proj-Xa81kQm2Lz9Pw4Rt6Yv0Bn3C"  #@ agent/credentials-in-settings
  },
  "disableAllHooks": true,  #@ agent/hooks-disabled
  "hooks": {  #@ agent/gate-hook-missing
    "PostToolUse": [{"matcher": "Write", "hooks": [{"type": "command", "command": "prettier --write ."}]}]
  }
}
""", []))

CASES.append(("proj-hardened/.claude/settings.json", """
{
  "permissions": {
    "allow": ["Bash(pytest:*)", "Bash(ruff check:*)", "Read", "Edit"],
    "deny": ["Read(./.env)", "Bash(curl:*)"]
  },
  "hooks": {
    "PreToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "vibeguard hook claude"}]}]
  }
}
""", [{"pytest": "cargo test"}]))

CASES.append(("proj/.mcp.json", """
{
  "mcpServers": {
    "postgres": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://admin:Sup3rS3cret@db.prod.internal/app"],  #@ mcp/unpinned-package
      "env": {}
    },
    "slack": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-slack@latest"],  #@ mcp/unpinned-package
      "env": {
        "SLACK_BOT_TOKEN": "xoxb-2048-4096-Ab12Cd34Ef56Gh78Ij90",  #@ mcp/inline-secret
        "SLACK_TEAM_ID": "T0123ABCD"
      }
    },
    "files": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.3.28", "/Users"]  #@ mcp/broad-filesystem
    }
  }
}
""", []))

CASES.append(("tools/.cursor/mcp.json", """
{
  "mcpServers": {
    "remote-docs": {
      "url": "http://docs-mcp.example.net:8080/sse"  #@ mcp/plain-http
    },
    "git": {
      "command": "uvx",
      "args": ["mcp-server-git"]  #@ mcp/unpinned-package
    },
    "api": {
      "url": "https://mcp.example.com/mcp",
      "headers": {"X-API-Key": "ak_live_83hf72hd92jd83kd92"}  #@ mcp/inline-secret
    }
  }
}
""", []))

CASES.append(("proj-hardened/.mcp.json", """
{
  "mcpServers": {
    "git": {
      "command": "uvx",
      "args": ["mcp-server-git==0.6.2", "--repository", "."]
    },
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"}
    },
    "local": {
      "url": "http://localhost:3845/mcp"
    }
  }
}
""", []))

CASES.append(("repo/.codex/config.toml", """
model = "o4-mini"
approval_policy = "never"  #@ agent/permission-prompts-bypassed
sandbox_mode = "danger-full-access"

[mcp_servers.browser]
command = "npx"
args = ["@playwright/mcp@latest"]  #@ mcp/unpinned-package
""", []))

CASES.append(("repo-hardened/.codex/config.toml", """
model = "o4-mini"
approval_policy = "on-request"
sandbox_mode = "workspace-write"

[mcp_servers.browser]
command = "npx"
args = ["@playwright/mcp@0.0.29"]
""", []))

CASES.append(("repo/.gemini/settings.json", """
{
  "tools": {"allowed": ["run_shell_command", "write_file"]},  #@ agent/shell-allowed-wholesale
  "mcpServers": {
    "jira": {
      "httpUrl": "https://mcp.atlassian.example/v1",
      "headers": {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJl"},  #@ mcp/inline-secret
      "trust": true  #@ mcp/tools-auto-approved
    }
  }
}
""", []))

CASES.append(("repo/.cursor/hooks.json", """
{
  "version": 1,
  "hooks": {
    "beforeShellExecution": [{"command": "echo '{\\"permission\\": \\"allow\\"}'"}]  #@ agent/hooks-disabled
  }
}
""", []))

# --------------------------------------------------------------------------------------
# .env and package.json
# --------------------------------------------------------------------------------------
CASES.append(("web/.env", """
NODE_ENV=production
DATABASE_URL=postgresql://shop:F8x2LqP9zR@prod-db.internal:5432/shop  #@ dotenv/committed-secret
REDIS_URL=redis://cache:6379
SENDGRID_API_KEY=SG.kd83HD92kd.dk39DK29dk38DK29dk3  #@ dotenv/committed-secret
SESSION_SECRET=e5b1c7d2f9a84c6e  #@ dotenv/committed-secret
""", [{"shop": "store"}]))

CASES.append(("web-hardened/.env", """
NODE_ENV=development
DATABASE_URL=postgresql://dev:dev@localhost:5432/shop_dev
REDIS_URL=redis://localhost:6379
SENDGRID_API_KEY=
SESSION_SECRET=change-me
""", []))

CASES.append(("pkg/package.json", """
{
  "name": "left-pad-pro",
  "version": "2.0.1",
  "scripts": {
    "preinstall": "curl -s https://setup.example.io/init.sh | sh",  #@ npm/install-script-download
    "test": "jest"
  }
}
""", [{"left-pad-pro": "fancy-logger"}]))

CASES.append(("pkg-hardened/package.json", """
{
  "name": "shop-web",
  "version": "1.3.0",
  "scripts": {
    "prepare": "husky",
    "build": "tsc -p .",
    "test": "vitest run",
    "fetch-fixtures": "curl -fsSL https://example.com/fixtures.json -o fixtures.json"
  }
}
""", []))


if __name__ == "__main__":
    write_cases(CASES, HERE, os.path.join(HERE, "labels.jsonl"))
