#!/usr/bin/env bash
# Regenerates every PNG in screenshots/ from the real binary: for each line
# of shots.tsv it starts `pamconsole demo --presentation` in tmux at 120×35,
# sends the keys, waits for the expected text, captures the pane with its
# colours and renders it with charmbracelet/freeze (a Go tool of this module).
# Presentation mode masks every secret, password and client id tail.
# A shot whose name ends in -80x24 is taken at 80×24 instead.
# Usage: screenshots/make.sh [name…]
# Needs: apt-get install tmux librsvg2-bin fonts-jetbrains-mono fonts-symbola
# (freeze renders through rsvg-convert when it is there; fontconfig then finds
# the monospace font and, in Symbola, the 🔒 of the protected key — freeze's
# built-in renderer draws a box for it).
#        screenshots/make.sh --list     (prints each shot as name|keys|expect;
#                                        TestMakeShReadsShotsLikeTheTour compares)
set -euo pipefail
cd "$(dirname "$0")/.."

# shots prints shots.tsv's shots as name<US>keys<US>expect lines. Splitting
# by hand: read with IFS=tab would merge the two tabs around an empty key
# column (tab is IFS whitespace) and shift the text into the keys.
shots() {
  local line name rest
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    name=${line%%$'\t'*}; rest=${line#*$'\t'}
    printf '%s\037%s\037%s\n' "$name" "${rest%%$'\t'*}" "${rest#*$'\t'}"
  done < screenshots/shots.tsv
}

if [ "${1:-}" = "--list" ]; then
  shots | tr '\037' '|'
  exit 0
fi
for tool in tmux rsvg-convert; do
  command -v $tool >/dev/null || { echo "make.sh needs $tool: apt-get install tmux librsvg2-bin fonts-jetbrains-mono fonts-symbola"; exit 1; }
done
fc-list | grep "JetBrains Mono" >/dev/null || { echo "make.sh needs fonts-jetbrains-mono and fonts-symbola"; exit 1; }
work=$(mktemp -d)
sock=""
# (errexit applies in the trap too: a tmux server that is already gone
# must not skip the clean-up or fail the run.)
trap '[ -z "$sock" ] || tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/pamconsole" .

wait_for() { # grep mode (-F text, -E regex), pattern, timeout seconds
  local i
  for i in $(seq 1 $(( $3 * 10 ))); do
    tmux -L "$sock" capture-pane -t shot -p | grep -q "$1" -- "$2" && return 0
    sleep 0.1
  done
  echo "timed out waiting for: $2" >&2
  tmux -L "$sock" capture-pane -t shot -p >&2
  return 1
}

send_keys() {
  local k
  for k in $1; do
    case "$k" in
      Enter|Escape|Space|Tab|BTab|Down|Up|C-?|C-??) tmux -L "$sock" send-keys -t shot "$k" ;;
      *) tmux -L "$sock" send-keys -t shot -l "$k" ;;
    esac
    sleep 0.3
  done
}

# tmux feeds a non-terminal stdin into the new pane: keep it on /dev/null.
while IFS=$'\037' read -r name keys expect <&3; do
  [ -n "$expect" ] || { echo "shots.tsv: $name has no text to wait for" >&2; exit 1; }
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  sock="pamshots-$$-$name" # a fresh tmux server per shot
  size="-x 120 -y 35"; [[ "$name" == *-80x24 ]] && size="-x 80 -y 24"
  tmux -L "$sock" new-session -d -s shot $size \
    "HOME=$work TERM=xterm-256color COLORTERM=truecolor $work/pamconsole demo --presentation" </dev/null
  # The table's count line, not "Loading client credentials…": keys sent
  # while loading would reach a table whose add key is still disabled.
  wait_for -E '[0-9]+ client credentials' 20
  send_keys "$keys"
  wait_for -F "$expect" 10
  sleep 0.5
  tmux -L "$sock" capture-pane -t shot -e -p > "$work/$name.ansi"
  width=1400; [[ "$name" == *-80x24 ]] && width=960
  go tool freeze "$work/$name.ansi" --language ansi --window --padding 20 --font.size 14 \
    --font.family "JetBrains Mono" --width $width -o "screenshots/$name.png" >/dev/null
  tmux -L "$sock" kill-server 2>/dev/null || true
  echo "screenshots/$name.png"
done 3< <(shots)
