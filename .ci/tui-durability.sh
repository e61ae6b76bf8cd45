#!/usr/bin/env bash
# Durability of the real wizard in a real terminal (tmux, 80x24), issue 18:
#
#  1. kill -9 while answering, on a plain and on an encrypted file, loses at
#     most the answer being typed; so does closing the terminal (SIGHUP). Answers are typed at a brisk workshop
#     pace (one every 0.4 s); the wizard is killed (or its terminal
#     closed) 0-0.2 s after the last key; the file is then resumed and its status line read.
#  2. two wizards on one file: A answers 5 questions, B (opened before)
#     answers 3 others, A one more; both quit; all 9 answers are on disk and
#     B's screen said it merged A's answers.
#
# TRIALS (default 3) sets the kill -9 trials per kind; the figures go to
# standard output ("lost" per trial). SSRM_BIN runs another build instead
# of this tree's. Polls the screen instead of sleeping
# where it waits for the wizard.
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/tui-lib.sh
tui_setup tui-durability
trials=${TRIALS:-3}
typed=6
# one idle session keeps the tmux server up between the wizards' sessions
tm new-session -d -s keep "sleep 100000"
export SSRM_PASSPHRASE="durable horse battery"

screen() { tm capture-pane -p -t "$1" 2>/dev/null || true; }

# wait_for SESSION TEXT [SECONDS]
wait_for() {
  local s=$1 text=$2 limit=${3:-30} waited=0
  until screen "$s" | grep -qF -- "$text"; do
    sleep 0.1
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 10)) ]; then
      echo "tui-durability: timed out waiting for: $text" >&2
      echo "---- $s ----" >&2
      screen "$s" >&2
      exit 1
    fi
  done
}

# start SESSION ARGS...: the wizard is the pane's own process (exec), so
# its pid is the pane's.
start() {
  local s=$1
  shift
  tm kill-session -t "$s" >/dev/null 2>&1 || true
  tm new-session -d -s "$s" -x 80 -y 24 -c "$work" \
    "exec env SSRM_CONFIG_DIR=$work/config SSRM_PASSPHRASE='$SSRM_PASSPHRASE' TERM=xterm-256color $work/ssrm $*"
  tm set-option -t "$s" remain-on-exit on >/dev/null
}

keys() { local s=$1; shift; tm send-keys -t "$s" "$@"; }

# wait_answered SESSION N: the status line says N answered.
wait_answered() {
  local s=$1 n=$2 waited=0
  until screen "$s" | grep -qE " $n/[0-9]+ answered"; do
    sleep 0.1
    waited=$((waited + 1))
    if [ "$waited" -ge 300 ]; then
      echo "tui-durability: $s never showed $n answered" >&2
      screen "$s" >&2
      exit 1
    fi
  done
}

# answered FILE: resume FILE and read "N/M answered" from the status line.
answered() {
  start check resume "$1"
  wait_for check "[1 Assess]"
  wait_for check " answered"
  local n
  n=$(screen check | grep -oE '[0-9]+/[0-9]+ answered' | head -1 | cut -d/ -f1)
  keys check q
  sleep 0.3
  tm kill-session -t check >/dev/null 2>&1 || true
  echo "$n"
}

cat >"$work/profile.yaml" <<'YAML'
profile: {organization: Durable Co, size: small, sensitivity: high, models: [iaas, paas]}
answers: {}
YAML
"$work/ssrm" assess --answers "$work/profile.yaml" -o "$work/plain.tmpl.json" >/dev/null
"$work/ssrm" assess --answers "$work/profile.yaml" --encrypt -o "$work/encrypted.tmpl.json" >/dev/null
head -c 21 "$work/encrypted.tmpl.json" | grep -q "age-encryption.org" || { echo "tui-durability: the encrypted file is not an age file" >&2; exit 1; }

# 1. kill -9 (and a hang-up: the terminal closed) while answering
worst=0
for run in kill-9:plain kill-9:encrypted hangup:encrypted; do
  how=${run%%:*} kind=${run#*:}
  losses=""
  for t in $(seq 1 "$trials"); do
    f="$work/$kind-$t.json"
    cp "$work/$kind.tmpl.json" "$f"
    start w resume "$f"
    wait_for w "[1 Assess]"
    wait_answered w 0
    for i in $(seq 1 "$typed"); do
      if [ $((i % 2)) = 0 ]; then keys w d; else keys w 1; fi
      sleep 0.4
    done
    sleep "0.$((RANDOM % 3))"
    if [ "$how" = hangup ]; then
      tm kill-session -t w # the pane's process gets SIGHUP, as from a closed window
      sleep 1
    else
      pid=$(tm display-message -p -t w '#{pane_pid}')
      kill -9 "$pid"
    fi
    n=$(answered "$f")
    lost=$((typed - n))
    losses="$losses $lost"
    [ "$lost" -gt "$worst" ] && worst=$lost
    ls "$work" | grep -q "^\.$kind-$t\.json\..*\.tmp$" && leftover=yes || leftover=no
    if [ "$leftover" = yes ]; then
      # a kill mid-rename may leave one; the next save removes it
      start w resume "$f"; wait_for w "[1 Assess]"; keys w 1; sleep 0.5; keys w q; sleep 0.5
      ! ls -a "$work" | grep -q "^\.$kind-$t\.json\..*\.tmp$" || { echo "tui-durability: a stale temporary file survived the next save" >&2; exit 1; }
    fi
  done
  echo "tui-durability: $how, $kind: typed $typed per trial, lost:$losses"
done
if [ "$worst" -gt 1 ]; then
  echo "tui-durability: a trial lost $worst answers (at most the one being typed may be lost)" >&2
  exit 1
fi

# 2. two wizards on one file
for kind in plain encrypted; do
  f="$work/two-$kind.json"
  cp "$work/$kind.tmpl.json" "$f"
  start a resume "$f"
  start b resume "$f"
  wait_answered a 0
  wait_answered b 0
  for i in 1 2 3 4 5; do keys a 1; wait_answered a "$i"; done
  sleep 0.3
  for i in 1 2 3 4 5 6; do keys b Right; done
  for i in 1 2 3; do keys b d; wait_answered b "$i"; done
  #wait_for b "merged"
  keys a x
  wait_answered a 6
  keys a q
  keys b q
  sleep 1
  n=$(answered "$f")
  [ "$n" = 9 ] || { echo "tui-durability: two writers ($kind): $n answers on disk, want 9" >&2; exit 1; }
  echo "tui-durability: two wizards, $kind: 9 of 9 answers kept"
done
echo "tui-durability: ok"
