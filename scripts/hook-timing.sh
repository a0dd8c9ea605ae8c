#!/usr/bin/env bash
# The pre-commit hook's cost: one changed draft in a git repository of 200 distinct drafts, median of 5
# commits, with the hook's environment already installed.
#   bash scripts/hook-timing.sh [FOLLOWLINT_CHECKOUT]        (default: this checkout, at its HEAD commit)
#   HOOK=followlint-resident bash scripts/hook-timing.sh     (the resident hook; its background process
#                                                            stays until it idles out)
# Needs git and pre-commit (the test extra installs it into .venv). Works in a temporary folder.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
PC=${PRE_COMMIT:-$( [ -x "$HERE/.venv/bin/pre-commit" ] && echo "$HERE/.venv/bin/pre-commit" || command -v pre-commit )}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME="$WORK/pchome" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
unset CI || true
SRC=${1:-$HERE}
REV=$(git -C "$SRC" rev-parse HEAD)
R="$WORK/drafts"
rm -rf "$R"; mkdir -p "$R/drafts"; cd "$R"; git init -q
python3 - <<'PY'
import random
random.seed(7)
names = ["Dana Whitfield", "Priya Raman", "Tomas Ortega", "Helen Brandt", "Sam Okafor", "Lee Chen", "Ana Silva", "Raj Patel"]
companies = ["Corvid Labs", "Lumen Health", "Northwind", "Globex", "Acme", "Initech", "Umbrella", "Hooli"]
roles = ["analyst", "product designer", "data engineer", "support lead", "account manager", "researcher"]
pool = [
 "I enjoyed hearing how your team rebuilt its dashboards around a single weekly metric.",
 "Your story about moving the support queue to a follow-the-sun rota stayed with me.",
 "The walk-through of the onboarding study showed me how carefully you test ideas with customers.",
 "It was useful to see how the pricing experiment is run in small, reversible steps.",
 "I liked how openly you described the trade-offs in the migration plan.",
 "Learning that the design system started as a side project was a surprise.",
 "Hearing about the retention model and its weekly review gave me a clear picture of the work.",
 "The way your team pairs analysts with support agents is something I would love to learn from.",
 "I keep thinking about your question on how I would measure a good first week for new customers.",
 "Seeing the warehouse floor during the visit made the logistics problem concrete.",
 "Your point about writing the decision log before the meeting changed how I plan my own projects.",
 "The quarterly hack day you mentioned sounds like a good habit for a growing team.",
 "I appreciated the candid answer about what has not worked in the hiring process so far.",
 "Talking through the churn numbers with you was the highlight of my week.",
]
interest = [
 "I am even more interested in the role now, because it joins research and daily operations.",
 "The position fits what I want to do next: careful analysis that people act on.",
 "I would be glad to bring my experience with customer interviews to the team.",
 "I am keen to help with the next stage of that work.",
 "This is the kind of team I hope to join, and the role matches my experience well.",
]
for i in range(200):
    n, c, r = random.choice(names), random.choice(companies), random.choice(roles)
    first = n.split()[0]
    body = random.sample(pool, 3)
    text = (f"Dear {first},\n\nThank you for meeting with me on {random.choice(['Monday','Tuesday','Wednesday','Thursday'])} "
            f"about the {r} role at {c}. {body[0]} {body[1]}\n\n{body[2]} {random.choice(interest)}\n\n"
            f"I look forward to hearing from you about the next steps.\n\nBest regards,\nJordan Lee\njordan{i}@example.com\n")
    open(f"drafts/note-{i:03}.txt", "w").write(text)
PY
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $SRC
    rev: $REV
    hooks:
      - id: ${HOOK:-followlint}
YAML
git add -A; git commit -qm base --no-verify
"$PC" install -f >/dev/null
"$PC" install-hooks >/dev/null 2>&1
# warm-up commit (first run of the day builds followlint's caches: syllable table, result cache)
python3 -c "import sys; p=sys.argv[1]; t=open(p).read(); open(p,'w').write(t.replace('I look forward', 'Thanks again. I look forward', 1))" drafts/note-000.txt; git add drafts/note-000.txt; git commit -qm warm >/dev/null 2>&1 || true
times=()
for k in 1 2 3 4 5; do
  python3 -c "import sys; p=sys.argv[1]; t=open(p).read(); open(p,'w').write(t.replace('I look forward', 'Thank you again for the time you gave me (note $k). I look forward', 1))" "drafts/note-01$k.txt"
  git add "drafts/note-01$k.txt"
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" git commit -qm "change $k" > "$WORK/commit.log" 2>&1 || { echo "commit $k failed"; tail -20 "$WORK/commit.log"; }
  end=$(date +%s.%N)
  t=$(python3 -c "print(round($end-$start,2))")
  cpu=$(python3 -c "u,s=open('$WORK/cpu.txt').read().split()[-2:]; print(round(float(u)+float(s),2))")
  times+=("$t"); echo "commit $k: ${t}s wall, ${cpu}s CPU"
done
python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print('median', statistics.median(v), 'min', min(v), 'max', max(v))" "${times[@]}"
nproc; uptime
