#!/usr/bin/env bash
# Runs a command with a real, throw-away redis-server on a free loopback
# port (installed with apt-get if missing), its address in REDIS_ADDR, and
# always stops the server. Used by the nested modules that talk to Redis
# (ratelimit/redislimit, webhook/redisdedup):
#   bash scripts/with-redis.sh go test -race ./...
set -euo pipefail

command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
command -v redis-cli >/dev/null || (apt-get update && apt-get install -y redis-tools)

workdir="$(mktemp -d)"
pidfile="$workdir/redis.pid"
port=""
pid=""

# cleanup stops the server (its pid was read from the pidfile, which the
# server deletes when it shuts down) and waits until it is gone.
cleanup() {
	if [[ -n "$port" ]]; then
		redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
	fi
	if [[ -n "$pid" ]]; then
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then kill "$pid" || true; fi
	fi
	rm -rf "$workdir"
}
trap cleanup EXIT

# A free port: one nothing answers on and redis-server can bind (another
# process may take it in between: then try another).
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == "PONG" ]]; }
for _ in $(seq 20); do
	candidate=$((20000 + RANDOM % 30000))
	port_in_use "$candidate" && continue
	rm -f "$pidfile"
	redis-server --bind 127.0.0.1 --port "$candidate" --save '' --appendonly no \
		--daemonize yes --pidfile "$pidfile" --logfile "$workdir/redis.log" --dir "$workdir" || continue
	for _ in $(seq 50); do
		answers "$candidate" && break
		sleep 0.1
	done
	if answers "$candidate"; then
		port="$candidate"
		pid="$(cat "$pidfile")"
		break
	fi
	if [[ -s "$pidfile" ]]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
done
if [[ -z "$port" ]]; then
	echo "with-redis.sh: could not start redis-server" >&2
	cat "$workdir/redis.log" >&2 2>/dev/null || true
	exit 1
fi

export REDIS_ADDR="127.0.0.1:$port"
echo "redis-server $(redis-server --version | awk '{print $3}') on $REDIS_ADDR"
"$@"
