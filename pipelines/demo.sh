#!/bin/sh
# The demo pipeline as a plain shell pipeline, for comparison with `touchpoint run pipelines/demo.pipeline`:
# the same stages and arguments, but stderr lines are not prefixed and one failing stage does not fail the
# pipeline (POSIX sh has no pipefail). Run from the repository after `swift build`.
set -eu
bin=${BIN:-.build/debug}
cd "$(dirname "$0")"
case $bin in /*) ;; *) bin=../$bin ;; esac
"$bin/ingest" --received 2026-11-01T00:00:00Z \
    sample/segment.ndjson sample/web.log sample/pos.csv sample/tickets.ndjson \
    sample/calls.csv sample/surveys.csv sample/social.ndjson |
    "$bin/normalize" | "$bin/resolve-identity" | "$bin/score" | "$bin/alert"
