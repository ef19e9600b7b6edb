#!/usr/bin/env bash
# Puts the Pulumi CLI v3.248.0 (the version of @pulumi/pulumi in package.json)
# in .cache/pulumi/bin, built from Go modules, unless it is there already.
# Prints the bin directory on stdout; add it to PATH.
#
# The Node.js language host (pulumi-language-nodejs) is a module without tags;
# the proxy does not serve the pseudo-version of the v3.248.0 release commit,
# so the engine tests drive the CLI through the Automation API with an inline
# program (test/engine/engine.ts) instead.
set -euo pipefail
VERSION=v3.248.0
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${PULUMI_BUILD_CACHE:-$ROOT/.cache/pulumi}"
BIN="$CACHE/bin"

if [[ -x "$BIN/pulumi" ]] && [[ "$("$BIN/pulumi" version 2>/dev/null)" == "$VERSION" ]]; then
  echo "$BIN"
  exit 0
fi
if command -v pulumi >/dev/null 2>&1 && [[ "$(pulumi version 2>/dev/null)" == "$VERSION" ]]; then
  dirname "$(command -v pulumi)"
  exit 0
fi

command -v go >/dev/null || { echo "install-pulumi: go is required to build the Pulumi CLI" >&2; exit 1; }
WRAP="$CACHE/build"
mkdir -p "$WRAP" "$BIN"
cd "$WRAP"
cat > go.mod <<GOMOD
module driftsenhed.local/pulumi-cli

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $VERSION
	github.com/pulumi/pulumi/sdk/v3 $VERSION
)

// pkg/go.mod of $VERSION: the only replace that applies outside the pulumi
// repository (the other one points sdk/v3 at ../sdk).
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
cat > tools.go <<'GOSRC'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GOSRC
echo "install-pulumi: building pulumi $VERSION from Go modules (several minutes when cold)" >&2
export GOFLAGS="${GOFLAGS:-} -mod=mod"
go mod download github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3 >&2
# Resolve the whole build list of the main package (writes go.sum).
go get github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$VERSION >&2
CGO_ENABLED=0 go build -trimpath \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
  -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
mv "$BIN/pulumi.tmp" "$BIN/pulumi"
got="$("$BIN/pulumi" version)"
[[ "$got" == "$VERSION" ]] || { echo "install-pulumi: built pulumi reports $got, expected $VERSION" >&2; exit 1; }
echo "$BIN"
