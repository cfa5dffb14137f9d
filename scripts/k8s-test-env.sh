#!/usr/bin/env bash
# A real kube-apiserver + etcd on loopback for kubegraph-apply's integration tests.
#
# No registry ships kube-apiserver as a binary, so it is built from the Go module proxy
# (see ../shared/toolchain.md) into ~/.cache/kubegraph/k8s-bin/<version>/, once. Starting
# is cheap: etcd keeps its data on /dev/shm without fsync, and the API server listens on
# 127.0.0.1 only, authenticating one system:masters token. No controllers run, so tests
# play the controller themselves (writing status subresources).
#
# Usage:
#   scripts/k8s-test-env.sh build          # build the binaries if missing (idempotent)
#   scripts/k8s-test-env.sh start          # build if missing, start, print the kubeconfig path
#   scripts/k8s-test-env.sh stop KUBECONFIG_OR_STATE_DIR
#
# Environment: K8S (default 1.34.2), KUBEGRAPH_K8S_BIN (binary cache root),
# KUBEGRAPH_K8S_READY_TIMEOUT (seconds to wait for /readyz, default 180),
# KUBEGRAPH_K8S_KEEP (keep the state directory with logs after `stop`).
set -euo pipefail

K8S=${K8S:-1.34.2}
BIN_ROOT=${KUBEGRAPH_K8S_BIN:-$HOME/.cache/kubegraph/k8s-bin}
BIN=$BIN_ROOT/$K8S
READY_TIMEOUT=${KUBEGRAPH_K8S_READY_TIMEOUT:-180}

log() { echo "k8s-test-env: $*" >&2; }

# Builds kube-apiserver and etcd with a wrapper module that pins every k8s.io staging module
# (k8s.io/kubernetes replaces them with local paths, so `go install` alone fails).
build() {
  if [[ -x $BIN/kube-apiserver && -x $BIN/etcd ]]; then return 0; fi
  command -v go >/dev/null || { log "Go is required to build kube-apiserver"; exit 2; }
  mkdir -p "$BIN"
  local work=$BIN_ROOT/.build-$K8S started=$SECONDS
  rm -rf "$work"; mkdir -p "$work"
  log "building kube-apiserver and etcd v$K8S into $BIN (several minutes on 2 cores)"
  (
    cd "$work"
    export GOFLAGS=-buildvcs=false GOTOOLCHAIN=local
    go mod init local/k8stestbin >/dev/null 2>&1
    local mod
    mod=$(go mod download -json "k8s.io/kubernetes@v$K8S" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    for m in $(awk '$1 ~ /^k8s\.io\// && $2=="v0.0.0"{print $1}' "$mod"); do
      go mod edit -replace="$m=$m@v0.${K8S#1.}"
    done
    go get "k8s.io/kubernetes/cmd/kube-apiserver@v$K8S"
    go get "go.etcd.io/etcd/server/v3@$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
    # Stamp the version (/version would otherwise say v0.0.0-master).
    local v=k8s.io/component-base/version minor=${K8S#1.}
    minor=${minor%%.*}
    CGO_ENABLED=0 nice -n 19 go build -p 2 -trimpath \
      -ldflags "-X $v.gitVersion=v$K8S -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean" \
      -o "$work/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
    CGO_ENABLED=0 nice -n 19 go build -p 2 -trimpath -o "$work/etcd" go.etcd.io/etcd/server/v3
  )
  # Move into place last so an interrupted build is retried rather than half-used.
  mv "$work/etcd" "$BIN/etcd"
  mv "$work/kube-apiserver" "$BIN/kube-apiserver"
  rm -rf "$work"
  log "built in $((SECONDS - started)) s"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts etcd and kube-apiserver in the background and prints the kubeconfig path. Their pids
# live next to the kubeconfig so `stop` can end exactly these processes.
start() {
  build
  command -v openssl >/dev/null || { log "openssl is required"; exit 2; }
  local state etcd_data etcd_port peer_port api_port token
  state=$(mktemp -d "${TMPDIR:-/tmp}/kubegraph-k8s.XXXXXX")
  etcd_data=$(mktemp -d /dev/shm/kubegraph-etcd.XXXXXX)
  echo "$etcd_data" >"$state/etcd-data-dir"
  etcd_port=$(free_port); peer_port=$(free_port); api_port=$(free_port)
  token=$(openssl rand -hex 24)

  # A private CA and a serving certificate for 127.0.0.1/localhost (rustls wants a proper
  # CA-signed leaf with subjectAltNames), plus the service-account signing key pair.
  (
    cd "$state"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=kubegraph-test-ca \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver \
      -keyout apiserver.key -out apiserver.csr 2>/dev/null
    printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' \
      'extendedKeyUsage=serverAuth' \
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes.default.svc' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
      -extfile san.ext -out apiserver.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    echo "$token,kubegraph-test,kubegraph-test,system:masters" >tokens.csv
  )

  "$BIN/etcd" --name default --data-dir "$etcd_data" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "default=http://127.0.0.1:$peer_port" \
    --log-level warn >"$state/etcd.log" 2>&1 &
  echo $! >"$state/etcd.pid"

  "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --cert-dir "$state/certs" \
    --tls-cert-file "$state/apiserver.crt" --tls-private-key-file "$state/apiserver.key" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode RBAC \
    --token-auth-file "$state/tokens.csv" \
    --disable-admission-plugins ServiceAccount \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$state/sa.pub" \
    --service-account-signing-key-file "$state/sa.key" \
    >"$state/kube-apiserver.log" 2>&1 &
  echo $! >"$state/kube-apiserver.pid"

  cat >"$state/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: kubegraph-test
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority-data: $(base64 -w0 "$state/ca.crt")
users:
- name: kubegraph-test
  user:
    token: $token
contexts:
- name: kubegraph-test
  context: {cluster: kubegraph-test, user: kubegraph-test}
current-context: kubegraph-test
KUBECONFIG

  local deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS --cacert "$state/ca.crt" -H "Authorization: Bearer $token" \
      "https://127.0.0.1:$api_port/readyz" >/dev/null 2>&1; do
    if ((SECONDS > deadline)) || ! kill -0 "$(cat "$state/kube-apiserver.pid")" 2>/dev/null; then
      log "kube-apiserver did not become ready; last log lines:"
      tail -n 30 "$state/kube-apiserver.log" >&2 || true
      stop "$state"
      exit 1
    fi
    sleep 1
  done
  log "ready at https://127.0.0.1:$api_port (logs in $state)"
  echo "$state/kubeconfig"
}

# Ends the two processes recorded in the state directory (by pid, nothing broader) and
# removes etcd's data.
stop() {
  local state=${1:?usage: stop KUBECONFIG_OR_STATE_DIR}
  [[ -f $state ]] && state=$(dirname "$state")
  for name in kube-apiserver etcd; do
    local pidfile=$state/$name.pid
    [[ -f $pidfile ]] || continue
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [[ -f $state/etcd-data-dir ]]; then rm -rf "$(cat "$state/etcd-data-dir")"; fi
  # Certificates, token and logs; keep them with KUBEGRAPH_K8S_KEEP=1 to debug a failure.
  if [[ -z ${KUBEGRAPH_K8S_KEEP:-} && $state == "${TMPDIR:-/tmp}"/kubegraph-k8s.* ]]; then
    rm -rf "$state"
  fi
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 build | start | stop KUBECONFIG_OR_STATE_DIR" >&2; exit 2 ;;
esac
