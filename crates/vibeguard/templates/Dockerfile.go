# syntax=docker/dockerfile:1.7
# Hardened image for a Go service (vibeguard template `dockerfile-go`).
# - build stage pinned to an exact Go version; modules verified against go.sum
# - static binary on a distroless base: no shell, no package manager, non-root
# - private modules fetched with a build secret, never a layer:
#     (the BuildKit secret `netrc`, made from ~/.netrc with docker build's --secret flag)
ARG GO_IMAGE=golang:1.23.3-bookworm

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=secret,id=netrc,target=/root/.netrc \
    go mod download && go mod verify
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/app"]
