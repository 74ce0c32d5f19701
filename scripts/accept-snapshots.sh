#!/usr/bin/env bash
# Accepts every approval snapshot a failing test wrote: renames each tests/**/X.received.EXT
# to X.approved.EXT and lists what it accepted, new or changed. Review first (the test failure
# names both files), then commit the approved files with the change.
set -euo pipefail
cd "$(dirname "$0")/.."

accepted=0
new=()
while IFS= read -r -d '' received; do
  name="$(basename -- "$received")"
  approved="$(dirname -- "$received")/${name/.received./.approved.}"
  # New: git does not know the approved file yet, so `git diff` would not show it.
  if git ls-files --error-unmatch -- "$approved" >/dev/null 2>&1; then
    state=changed
  else
    state=new
    new+=("$approved")
  fi
  mv -f -- "$received" "$approved"
  echo "accepted $approved ($state)"
  accepted=$((accepted + 1))
done < <(find tests -type f -name '*.received.*' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z)

if [ "$accepted" -eq 0 ]; then
  echo "no *.received.* files under tests/: nothing to accept (run the tests first)"
  exit 0
fi
changed=$((accepted - ${#new[@]}))
echo "$accepted snapshot(s) accepted: $changed changed, ${#new[@]} new"
if [ "${#new[@]}" -eq 0 ]; then
  echo "review with: git diff -- tests"
else
  # Intent-to-add puts a new file in `git diff` (as all added lines) without staging its content.
  printf 'review with: git add --intent-to-add --'
  printf ' %q' "${new[@]}"
  printf ' && git diff -- tests\n'
fi
