module example.com/case

go 1.21

require (
	github.com/matrix-org/dendrite v0.9.8
	github.com/argoproj/argo-cd v0.5.0
	github.com/evervault/evervault-go v1.3.2
	github.com/appleboy/gorush v1.18.5
	github.com/ulikunitz/xz v0.5.7
	github.com/hashicorp/go-getter/v2 v2.0.0
	github.com/sigstore/rekor v0.3.0
	github.com/0xERR0R/blocky v0.32.0
	github.com/weaviate/weaviate v1.32.0-rc.0
	code.vikunja.io/api v0.20.2
	github.com/kiali/kiali v1.57.4
	github.com/fluxcd/flux2 v0.19.0
	github.com/prometheus/client_golang v1.11.1
	github.com/ncw/rclone v1.46.0
	github.com/zinclabs/zinc v0.1.9
	github.com/rs/cors v1.9.0
	github.com/gohugoio/hugo v0.162.0
	github.com/edgelesssys/marblerun v1.4.0
	github.com/ipld/go-car/v2 v2.0.0
	github.com/authelia/authelia/v4 v4.36.0
	github.com/refraction-networking/utls v1.8.2
)
