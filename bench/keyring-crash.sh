#!/usr/bin/env bash
# Does a client pattern crash gnome-keyring? Runs COMMAND in PAR loops of LOOPS runs each,
# against a gnome-keyring-daemon of its own (a private D-Bus session, a throwaway HOME, the
# key AIM_T_K01 stored by aim) that runs with G_DEBUG=fatal-criticals, and stops a loop when
# the daemon has died. gnome-keyring 42.1 (Debian 12) aborted on "gkd_secret_service_get_
# pkcs11_session: assertion 'client' failed" under the direct reads of builds before the fix
# in src/store/keyring/secret-read.ts (an OpenSession that reaches the daemon before it has
# registered the caller): after 33 to about 3000 reads here; 4000 secret-tool lookups did
# not (bench/README.md, "gnome-keyring's own crash"). $N is the Node, $cli aim's dist/cli.js
# (CLI= picks another build, NODE= another Node).
#   bench/keyring-crash.sh ['$N $cli exec --no-config --keys AIM_T_K01 -- true'] [LOOPS] [PAR]
#   bench/keyring-crash.sh 'secret-tool lookup service aim-crash username AIM_T_K01' 2000 2
set -euo pipefail
if [ "${1:-}" != --inside ]; then
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  root=$(cd "$(dirname "$0")/.." && pwd)
  env -u DBUS_SESSION_BUS_ADDRESS -u AIM_BACKEND HOME="$home" XDG_RUNTIME_DIR="$home" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share" AIM_KEYRING_SERVICE=aim-crash NO_COLOR=1 \
    CMD="${1:-\$N \$cli exec --no-config --keys AIM_T_K01 -- true}" LOOPS="${2:-1500}" PAR="${3:-2}" \
    cli="${CLI:-$root/dist/cli.js}" N="${NODE:-$HOME/.cache/aim-test/node24/node_modules/.bin/node}" \
    dbus-run-session -- "$0" --inside 2> >(grep -v 'fd limit' >&2)
  exit
fi
export N cli
(printf aim-crash | G_DEBUG=fatal-criticals gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$HOME/daemon.out" 2>"$HOME/daemon.err") &
daemon_job=$!
pid=
for _ in $(seq 50); do
  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/{print $2}' || true)
  [ -n "$pid" ] && break
  sleep 0.1
done
[ -n "$pid" ] || { echo "keyring-crash: gnome-keyring-daemon did not start" >&2; exit 1; }
printf v1 | "$N" "$cli" secrets set AIM_T_K01 || { echo "keyring-crash: aim secrets set failed (NODE=$N, CLI=$cli)" >&2; exit 1; }
loop() {
  for i in $(seq "$LOOPS"); do
    eval "$CMD" >/dev/null 2>&1 || true
    if ! kill -0 "$pid" 2>/dev/null; then echo "loop $1: the daemon died after $i runs"; return; fi
  done
  echo "loop $1: $LOOPS runs, the daemon lives"
}
pids=()
for j in $(seq "$PAR"); do loop "$j" & pids+=($!); done
wait "${pids[@]}"
grep -h CRITICAL "$HOME/daemon.err" | head -3 || true
kill "$pid" 2>/dev/null || true
wait "$daemon_job" 2>/dev/null || true
