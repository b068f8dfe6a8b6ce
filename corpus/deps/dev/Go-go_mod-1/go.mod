module example.com/case

go 1.21

require (
	github.com/free5gc/openapi v1.2.1
	go.mongodb.org/mongo-driver v1.17.7
	github.com/sigstore/cosign v1.5.1
	github.com/caddyserver/caddy/v2 v2.11.4
	github.com/docker/buildx v0.21.2
)
