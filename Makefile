# kubegraph's task runner. `make test` runs exactly what CI runs (`.ci/run` calls it).
# Heavy build output lives outside the repository so CI and later runs reuse it.

export CARGO_TARGET_DIR ?= $(HOME)/.cache/kubegraph/target
export KUBEGRAPH_VENV ?= $(HOME)/.cache/kubegraph/venv
CARGO ?= cargo
FIXTURES := tests/fixtures/workflows

.PHONY: example test ready setup fmt-check clippy doc deny advisories rust-test manifests python-test wasm-test cluster-test bless fmt bench

## Compile the shipped storefront example to manifests on stdout.
example:
	$(CARGO) run --quiet -p kubegraph-cli -- compile $(FIXTURES)/storefront.json --values $(FIXTURES)/storefront.values.json

## Everything CI runs: setup, formatting, lints, API docs, Rust tests, manifest schema checks, the Python and
## WebAssembly suites, and the applier against a real kube-apiserver.
test: setup fmt-check clippy doc deny rust-test manifests python-test wasm-test cluster-test

ready: test

## Install what a fresh machine lacks (idempotent).
setup:
	bash scripts/setup.sh

fmt-check:
	$(CARGO) fmt --all -- --check

fmt:
	$(CARGO) fmt --all

clippy:
	$(CARGO) clippy --workspace --all-targets -j 2 -- -D warnings

## API docs without a warning: no broken link, none to a private item.
doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps -j 2

## Licences, bans and sources of every dependency (offline; see deny.toml).
deny:
	$(HOME)/.cache/kubegraph/tools/bin/cargo-deny --locked check licenses bans sources

## Known vulnerabilities: needs the RustSec advisory database, fetched from the network.
advisories:
	$(HOME)/.cache/kubegraph/tools/bin/cargo-deny --locked check advisories

## Rust tests; snapshots must match and every committed snapshot must still be used.
rust-test:
	PATH="$(HOME)/.cache/kubegraph/tools/bin:$$PATH" $(CARGO) insta test --workspace -j 2 --check --unreferenced=reject

## Every compiled fixture against Kubernetes' own schemas, 1.30 to 1.33.
manifests:
	bash scripts/check-manifests.sh

python-test:
	bash python/run-tests.sh

wasm-test:
	bash wasm/build.sh
	bash wasm/run-tests.sh

## Builds kube-apiserver and etcd once (cached in ~/.cache/kubegraph), starts them on loopback, runs the applier's tests.
cluster-test:
	bash apply/run-cluster-tests.sh

## The README's performance table: the release CLI on 10,000 nodes, WebAssembly against native on 1,000 (not part of `test`).
bench:
	bash scripts/bench.sh

## Rewrite generated files (schemas, docs/diagnostics.md, snapshots) from the code.
bless:
	KUBEGRAPH_BLESS=1 INSTA_UPDATE=always $(CARGO) test --workspace -j 2
