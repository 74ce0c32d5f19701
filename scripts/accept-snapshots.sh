#!/usr/bin/env bash
# Accepts every approval snapshot a failing test wrote: renames each tests/**/X.received.EXT
# to X.approved.EXT and lists what it accepted. Review first (the test failure names both files;
# afterwards `git diff -- tests` shows the change), then commit the approved files with the change.
set -euo pipefail
cd "$(dirname "$0")/.."

accepted=0
while IFS= read -r -d '' received; do
  name="$(basename -- "$received")"
  approved="$(dirname -- "$received")/${name/.received./.approved.}"
  mv -f -- "$received" "$approved"
  echo "accepted $approved"
  accepted=$((accepted + 1))
done < <(find tests -type f -name '*.received.*' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z)

if [ "$accepted" -eq 0 ]; then
  echo "no *.received.* files under tests/: nothing to accept (run the tests first)"
else
  echo "$accepted snapshot(s) accepted; review with: git diff -- tests"
fi
