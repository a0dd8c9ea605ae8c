#!/usr/bin/env bash
# Which drafts a CI run lints, NUL-separated into ./followlint-drafts, and how many into $GITHUB_OUTPUT.
#   pull request (EVENT_NAME=pull_request, CHANGED_ONLY=true): the .txt/.md/.markdown/.eml files it adds
#     or changes against origin/$BASE_REF (deleted files left out; any file name is safe);
#   otherwise: $PATHS (default "."), which followlint walks.
# Either way followlint runs with --force-exclude, so both modes skip the same files: the exclude and
# extend-exclude settings, .gitignore, and the default non-draft names (README.md, requirements.txt...).
set -euo pipefail
out=followlint-drafts
if [ "${EVENT_NAME:-}" = pull_request ] && [ "${CHANGED_ONLY:-true}" = true ]; then
  git diff --name-only --diff-filter=ACMR -z "origin/${BASE_REF}...HEAD" -- \
    '*.txt' '*.md' '*.markdown' '*.eml' > "$out"
else
  read -r -a paths <<< "${PATHS:-.}"
  printf '%s\0' "${paths[@]}" > "$out"
fi
count=$(tr -cd '\0' < "$out" | wc -c)
echo "count=${count}" >> "${GITHUB_OUTPUT:-/dev/null}"
echo "${count} path(s) to lint"
