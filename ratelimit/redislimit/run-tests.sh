#!/usr/bin/env bash
# Runs the tests of the redislimit module against a real, throw-away
# redis-server (see scripts/with-redis.sh). Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
exec bash ../../scripts/with-redis.sh go test -race -count=1 "$@" ./...
