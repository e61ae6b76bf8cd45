#!/usr/bin/env bash
# The whole path in a real terminal (tmux, 80x24), issue 17 and 18:
#
#  1. a small business starts an assessment through the form, leaving the
#     service models blank (all three);
#  2. ten "d" presses sent in one write answer ten questions (a burst of
#     keys counts key by key);
#  3. every other question is reached through "next unanswered" (N) alone,
#     each answered with a level (0-5 in turn) or don't know, until the
#     status line says all are answered;
#  4. N then goes to the report, whose finish checklist says nothing is
#     left, and enter writes the plan: the files exist, every answer is on
#     disk, the overall maturity is scored and `finished` is set.
#
# Polls the screen instead of sleeping, so a slow machine is only slower.
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/tui-lib.sh
tui_setup tui-path
session=ssrm-path
bin=$work/ssrm

screen() { tm capture-pane -p -t "$session" 2>/dev/null || true; }
fail() {
  echo "tui-path: $*" >&2
  echo "---- screen ----" >&2
  screen >&2
  exit 1
}
wait_for() {
  local text=$1 limit=${2:-30} waited=0
  until screen | grep -qF -- "$text"; do
    sleep 0.1
    waited=$((waited + 1))
    [ "$waited" -lt $((limit * 10)) ] || fail "timed out waiting for: $text"
  done
}
keys() { tm send-keys -t "$session" "$@"; }
# answered prints the status line's "k/n answered" as "k n".
answered() { screen | sed -n 's/.* \([0-9]*\)\/\([0-9]*\) answered.*/\1 \2/p' | head -1; }

tm new-session -d -s "$session" -x 80 -y 24 -c "$work" \
  "env SSRM_CONFIG_DIR=$work/config TERM=xterm-256color $bin; echo PATH-EXITED \$?; sleep 600"

# 1. the form: self-assessment, "Path Co", defaults, no service model chosen
wait_for "Start a new assessment"
keys Enter
wait_for "How will you use ssrm?"
keys Enter
wait_for "enter next"
keys -l "Path Co"
keys Enter
keys Enter                      # assessor
keys Enter                      # sector
wait_for "Service models in use"
keys Enter                      # size
keys Enter                      # sensitivity
wait_for "x toggle"
keys Enter                      # service models: none chosen, all three
keys Enter                      # target
wait_for "Do you write or build software yourselves?"
keys Enter
wait_for "Azure services in use"
wait_for "x toggle"
keys Enter                      # no services named
keys Enter                      # default file name
wait_for "Protect this file with a passphrase?"
keys Enter
wait_for "[1 Assess]"
file="$work/path-co-assessment.json"
[ "$(jq -r '.profile.models | length' "$file")" = 0 ] || fail "service models were saved though none was chosen"

read -r done total < <(answered)
[ "$done" = 0 ] && [ "$total" -gt 20 ] || fail "status line says $done/$total"

# 2. ten d presses in one write: ten answers
keys -l "dddddddddd"
wait_for "10/$total answered" 10

# 3. N alone, then an answer, until nothing is open
answers=(0 1 2 3 4 5 d)
i=0
while :; do
  read -r done _ < <(answered)
  [ "$done" -lt "$total" ] || break
  keys N "${answers[$((i % 7))]}"
  i=$((i + 1))
  waited=0
  until read -r now _ < <(answered) && [ "${now:-0}" -gt "$done" ]; do
    sleep 0.05
    waited=$((waited + 1))
    [ "$waited" -lt 200 ] || fail "N then ${answers[$(((i - 1) % 7))]} did not answer a question ($done/$total)"
  done
  [ "$i" -le "$total" ] || fail "more presses of N than questions"
done

# 4. N with nothing open goes to the report; the checklist is clear
keys N
wait_for "[Report]"
wait_for "Every question has an answer"  # the flash, or the checklist line when it is in view
keys Enter
wait_for "done" 120
for f in "$work"/path-co-action-plan.*; do
  [ -s "$f" ] || fail "report $f is empty"
done
[ -s "$work/path-co-action-plan.md" ] || fail "no Markdown plan written"
keys q
wait_for "PATH-EXITED 0"

n=$(jq -r '.answers | length' "$file")
[ "$n" = "$total" ] || fail "$n answers on disk, want $total"
open=$(jq -r '[.answers[] | select(.parked == true)] | length' "$file")
[ "$open" = 0 ] || fail "$open answers still parked"
finished=$(jq -r '.finished // ""' "$file")
case "$finished" in
  ""|0001-*) fail "finished is '$finished' after the report was written" ;;
esac
grep -q "not scored" "$work/path-co-action-plan.md" && fail "the plan says the maturity is not scored (blank models must mean all three)"

echo "tui-path: ok ($total questions: 10 in one burst, $i through N alone; report written; finished $finished)"
