#!/usr/bin/env bash
# Checks compiled manifests against Kubernetes' own OpenAPI schemas, for every version
# kubegraph supports, in strict mode (unknown fields are errors).
#
#   scripts/check-manifests.sh [DIR]
#
# DIR holds multi-document YAML files. Without it, the compile fixture test writes every
# valid fixture's YAML, and the designer corpus test the YAML of every designer case
# (tests/fixtures/designer) that compiles without errors, the real-application test the
# YAML of every application of tests/apps, and the compose import test the YAML of every
# compose file of tests/fixtures/compose imported and compiled, to
# $CARGO_TARGET_DIR/tmp/kubegraph-manifests first, and that directory is checked. kubernetes-validate only warns about kinds it has no schema for
# (custom resources); any ERROR line or a non-zero exit fails the check.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=(1.30 1.31 1.32 1.33)
venv="${KUBEGRAPH_VENV:-${HOME}/.cache/kubegraph/venv}"

if [ -x "${venv}/bin/kubernetes-validate" ]; then
  validate="${venv}/bin/kubernetes-validate"
elif command -v kubernetes-validate >/dev/null; then
  validate="$(command -v kubernetes-validate)"
else
  echo "check-manifests: kubernetes-validate not found; run scripts/setup.sh" >&2
  exit 1
fi

if [ $# -ge 1 ]; then
  dir="$1"
else
  target="${CARGO_TARGET_DIR:-target}"
  dir="${target}/tmp/kubegraph-manifests"
  rm -rf "${dir}"
  cargo test --quiet -j 2 -p kubegraph --test compile_fixtures --test designer_corpus --test real_apps --test compose_import >/dev/null
fi

shopt -s nullglob
files=("${dir}"/*.yaml)
if [ ${#files[@]} -eq 0 ]; then
  echo "check-manifests: no YAML files in ${dir}" >&2
  exit 1
fi

failed=0
for version in "${versions[@]}"; do
  status=0
  output="$("${validate}" --strict --quiet -k "${version}" "${files[@]}" 2>&1)" || status=$?
  if [ -n "${output}" ]; then
    printf '%s\n' "${output}" | sed "s/^/[${version}] /"
  fi
  if [ "${status}" -ne 0 ] || grep -q '^ERROR' <<<"${output}"; then
    echo "check-manifests: Kubernetes ${version}: FAILED" >&2
    failed=1
  else
    echo "check-manifests: Kubernetes ${version}: ${#files[@]} files valid"
  fi
done
exit "${failed}"
