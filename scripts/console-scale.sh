#!/usr/bin/env bash
# console-scale.sh N [WIDTH HEIGHT] — issue 18's "as a new user would" check,
# measured: a headless demo server with N credentials, the real console in
# tmux at WIDTHxHEIGHT (default 120x35) against it, then
#   - seed time (the server answering), first rows and fully loaded on tab 2,
#   - the console's VmRSS/VmHWM after the load and after ten filters,
#   - each filter typed as a burst (one send-keys, as a paste) until its
#     result is on screen; 50 × j and G until the screen settles.
# Times are wall clock from tmux polling every 20 ms (resolution ~20–40 ms):
# a filter's time runs from its keys to the frame without "filtering".
# Usage: scripts/console-scale.sh 1000000 > console-1M.txt
set -euo pipefail
N=${1:-100000}
W=${2:-120}
H=${3:-35}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
sess=cscale$$
cleanup() {
	tmux kill-session -t "$sess" 2>/dev/null || true
	[[ -n ${srv:-} ]] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/pamconsole" .

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
screen() { tmux capture-pane -t "$sess" -p; }
# wait_for CMD...: poll until CMD (given the screen on stdin) succeeds.
wait_for() {
	local deadline=$((SECONDS + 600))
	until screen | "$@" >/dev/null 2>&1; do
		((SECONDS < deadline)) || { echo "timed out waiting for: $*" >&2; screen >&2; exit 1; }
		sleep 0.02
	done
}
# settle: poll until two captures 100 ms apart are equal.
settle() {
	local a b
	a=$(screen)
	while sleep 0.1; b=$(screen); [[ $a != "$b" ]]; do a=$b; done
}
mem() { awk '/^Vm(RSS|HWM)/ { printf "%s %d MiB  ", $1, $2 / 1024 }' "/proc/$pid/status"; }

t0=$(now)
"$work/pamconsole" demo --headless --credentials "$N" >"$work/out" 2>"$work/seed.err" &
srv=$!
until grep -q '^secret in:' "$work/out" 2>/dev/null; do
	kill -0 "$srv" 2>/dev/null || { cat "$work/seed.err" >&2; exit 1; }
	sleep 0.1
done
echo "seed $N credentials: $(since "$t0") s (server answering)"
url=$(sed -n 's/^demo server: //p' "$work/out")
id=$(sed -n 's/^client_id: //p' "$work/out")
secretfile=$(sed -n 's/^secret in: //p' "$work/out")
cat >"$work/run" <<EOF
#!/bin/sh
PAMCONSOLE_CLIENT_SECRET=\$(sed -n 's/^client_secret: //p' '$secretfile') PAMCONSOLE_URL='$url' PAMCONSOLE_CLIENT_ID='$id' exec '$work/pamconsole' 2>'$work/console.err'
EOF
chmod 700 "$work/run"
tmux new-session -d -s "$sess" -x "$W" -y "$H" "$work/run"
pid=$(tmux list-panes -t "$sess" -F '#{pane_pid}')
wait_for grep -q 'Client Credentials'
t1=$(now)
tmux send-keys -t "$sess" 2
wait_for bash -c 's=$(cat); grep -q Identifier <<<"$s" && grep -q "^> " <<<"$s"'
echo "first rows on tab 2: $(since "$t1") s"
wait_for grep -Eq '^[0-9,]+ credentials ·'
echo "fully loaded: $(since "$t1") s   $(mem)"
settle

for q in db01 root oracle web 10.0 corp sa svc backup zz9; do
	t=$(now)
	tmux send-keys -t "$sess" "/$q"
	wait_for grep -q "^/ *$q"
	wait_for bash -c '! grep -q filtering'
	echo "filter '$q': $(since "$t") s   $(screen | grep -Eo '[0-9,]+ of [0-9,]+' | head -1)"
	tmux send-keys -t "$sess" Escape Escape
	settle
done
echo "after ten filters: $(mem)"

t=$(now)
tmux send-keys -t "$sess" $(printf 'j %.0s' {1..50})
settle
echo "50 × j: $(since "$t") s (incl. 0.1 s settle)"
t=$(now)
tmux send-keys -t "$sess" G
settle
echo "G: $(since "$t") s (incl. 0.1 s settle)   $(screen | grep '^> ' | cut -c1-60)"
echo "final: $(mem)"
