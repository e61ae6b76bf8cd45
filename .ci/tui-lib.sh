# Shared by the tmux scripts (.ci/tui-*.sh), sourced after `cd` to the repo:
# tui_setup NAME checks the tools, makes the work directory and the tmux
# server on its own socket (tm), removes both on exit, and puts the wizard
# at $work/ssrm: a copy of $SSRM_BIN when set (.ci/run builds once for all
# three scripts; another build to compare, before a fix), else built here.
tui_setup() {
  local name=$1 tool
  for tool in tmux jq go; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$name: needs $tool" >&2; exit 1; }
  done
  work=$(mktemp -d)
  sock="$work/tmux.sock"
  trap tui_cleanup EXIT
  if [ -n "${SSRM_BIN:-}" ]; then
    cp "$SSRM_BIN" "$work/ssrm"
  else
    go build -o "$work/ssrm" ./cmd/ssrm
  fi
}

tm() { tmux -S "$sock" "$@"; }

tui_cleanup() {
  tm kill-server >/dev/null 2>&1 || true
  rm -rf "$work"
}
