#!/usr/bin/env bash
# Smoke test of the real wizard in a real terminal (tmux, 80x24): start a new
# assessment through the form, answer the first questions, quit with q,
# resume, check the answers survived on disk (jq) and that the resume lands
# on the first unanswered question. Polls the screen instead of sleeping, so
# a slow machine only makes it slower.
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/tui-lib.sh
tui_setup tui-smoke
session=ssrm-smoke

screen() { tm capture-pane -p -t "$session" 2>/dev/null || true; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows.
wait_for() {
  local text=$1 limit=${2:-30} waited=0
  until screen | grep -qF -- "$text"; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 5)) ]; then
      echo "tui-smoke: timed out waiting for: $text" >&2
      echo "---- screen ----" >&2
      screen >&2
      exit 1
    fi
  done
}

# wait_gone: poll until the session's program has ended.
wait_exit() {
  local limit=${1:-30} waited=0
  while tm has-session -t "$session" 2>/dev/null && ! screen | grep -qF "SMOKE-EXITED"; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 5)) ]; then
      echo "tui-smoke: the wizard did not exit" >&2
      screen >&2
      exit 1
    fi
  done
}

keys() { tm send-keys -t "$session" "$@"; }

start() {
  tm kill-session -t "$session" >/dev/null 2>&1 || true
  tm new-session -d -s "$session" -x 80 -y 24 -c "$work" \
    "env SSRM_CONFIG_DIR=$work/config TERM=xterm-256color $work/ssrm $*; echo SMOKE-EXITED \$?; sleep 600"
}

file="$work/smoke-co-assessment.json"

# 1. a new assessment through the welcome screen and the profile form. huh
# moves between fields through commands of its own, so before a key that
# must land on a given field, wait for that field's own help line.
start
wait_for "Start a new assessment"
keys Enter
wait_for "How will you use ssrm?"
keys Enter                      # self-assessment
wait_for "enter next"           # an input has the focus: the organization
keys -l "Smoke Co"
keys Enter
keys Enter                      # assessor
keys Enter                      # sector
wait_for "Service models in use"
keys Enter                      # size
keys Enter                      # sensitivity
wait_for "x toggle"             # the service models list has the focus
keys x                          # IaaS
keys Down
keys x                          # PaaS
keys Enter
keys Enter                      # target
wait_for "Do you write or build software yourselves?"
keys Enter                      # builds no software (the default, No)
wait_for "Azure services in use"
wait_for "x toggle"
keys x                          # virtual machines
keys Enter
keys Enter                      # save as the default name
wait_for "Protect this file with a passphrase?"
keys Enter                      # no passphrase
wait_for "[1 Assess]"
wait_for "0/"
models=$(jq -r '.profile.models | join(",")' "$file")
[ "$models" = "iaas,paas" ] || { echo "tui-smoke: profile models are '$models', want iaas,paas" >&2; exit 1; }
[ "$(jq -r .profile.organization "$file")" = "Smoke Co" ] || { echo "tui-smoke: organization not saved" >&2; exit 1; }
[ "$(jq -r .profile.builds_software "$file")" = "false" ] || { echo "tui-smoke: builds_software not saved as false" >&2; exit 1; }

# 2. answer the first three questions: a level, don't know, a level
first=$(jq -r '.answers | length' "$file")
[ "$first" = 0 ] || { echo "tui-smoke: a new file has answers" >&2; exit 1; }
keys 0
wait_for "1/"
keys d
wait_for "2/"
keys 1
wait_for "3/"

# 3. quit with q, then resume
keys q
wait_for "SMOKE-EXITED 0"

answers=$(jq -r '.answers | length' "$file")
if [ "$answers" != 3 ]; then
  echo "tui-smoke: expected 3 answers on disk, found $answers" >&2
  jq . "$file" >&2
  exit 1
fi
unknowns=$(jq -r '[.answers[] | select(.status == "unknown")] | length' "$file")
[ "$unknowns" = 1 ] || { echo "tui-smoke: the don't-know answer was not kept" >&2; exit 1; }
ids=$(jq -r '.answers | keys | join(" ")' "$file")

start resume "$file"
wait_for "[1 Assess]"
wait_for "3/"
# the resumed screen is on the fourth question: answering it makes 4
keys 1
wait_for "4/"
keys C-c
wait_for "SMOKE-EXITED 0"
after=$(jq -r '.answers | length' "$file")
[ "$after" = 4 ] || { echo "tui-smoke: expected 4 answers after resume, found $after" >&2; exit 1; }
for id in $ids; do
  jq -e --arg id "$id" '.answers[$id]' "$file" >/dev/null || { echo "tui-smoke: $id lost on resume" >&2; exit 1; }
done
[ -f "$work/config/recent.json" ] || { echo "tui-smoke: no recent-files list" >&2; exit 1; }

# 4. without a terminal the wizard refuses, non-zero, without prompting
if "$work/ssrm" </dev/null >"$work/out.txt" 2>&1; then
  echo "tui-smoke: the wizard ran without a terminal" >&2
  exit 1
fi
grep -qF -- "--accessible" "$work/out.txt" || { echo "tui-smoke: no hint about --accessible" >&2; cat "$work/out.txt" >&2; exit 1; }

echo "tui-smoke: ok (new, 3 answers, quit, resume, 4th answer, ctrl-c; $after answers on disk)"
