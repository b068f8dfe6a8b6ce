module example.com/case

go 1.21

require (
	github.com/aws/aws-advanced-go-wrapper/mysql-driver v1.1.0
	github.com/ydb-platform/ydb-go-sdk/v3 v3.104.6
	github.com/argoproj/argo-workflows/v2 v2.9.0
	github.com/OpenListTeam/OpenList/v4 v4.2.4
	github.com/btcsuite/btcd v0.23.1
	github.com/huandu/facebook/v2 v2.7.2
	go.etcd.io/etcd/server/v3 v3.6.0
	github.com/cli/cli/v2 v2.49.0
	github.com/nanobox-io/golang-nanoauth v0.0.0-20160722212129-ac0cc4484ad4
	github.com/goreleaser/goreleaser v1.26.1
	github.com/argoproj/argo-cd/v2 v2.10.0
	github.com/stripe/stripe-cli v1.21.3
	github.com/blnkfinance/blnk v0.14.2
	github.com/grafana/google-sheets-datasource v1.2.2
	github.com/containers/libpod/v2 v2.0.5
	github.com/labstack/echo/v5 v5.0.0
	github.com/bettercap/bettercap/v2 v2.41.7
	github.com/unknwon/cae v1.0.0
	github.com/prometheus/prometheus v0.311.3
	github.com/Masterminds/goutils v1.1.1
	github.com/chainguard-dev/kaniko v1.25.10
	github.com/containers/common v0.60.3
	filippo.io/age v1.2.1
	github.com/aws/aws-sdk-go-v2/service/lexruntimev2 v1.35.15
	github.com/containers/storage v1.28.1
)
