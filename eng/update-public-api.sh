#!/usr/bin/env bash
# Brings src/JobBalancing/PublicAPI.Unshipped.txt in line with the code: adds the symbols the analyzer reports as
# undeclared (RS0016) and removes those it reports as gone (RS0017). Review the diff before committing: every line
# is a promise to users.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/JobBalancing/JobBalancing.csproj
file=src/JobBalancing/PublicAPI.Unshipped.txt
output=$(dotnet build "$project" --no-incremental 2>&1 || true)
added=$(grep -oP "error RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$output" | sort -u || true)
removed=$(grep -oP "error RS0017: Symbol '\K.*(?=' is part of the declared API)" <<<"$output" | sort -u || true)
# Written next to nothing in the tree, so that a failed run leaves no stray file behind.
updated=$(mktemp)
trap 'rm -f "$updated"' EXIT
{
  echo '#nullable enable'
  { grep -v '^#nullable' "$file" || true; [ -n "$added" ] && echo "$added" || true; } | { grep -vxF -f <(echo "${removed:-<none>}") || true; } | sed '/^$/d' | LC_ALL=C sort -u
} >"$updated"
cp "$updated" "$file"
echo "public API: $(grep -c . <<<"$added" || true) added, $(grep -c . <<<"$removed" || true) removed"
