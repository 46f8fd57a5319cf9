#!/usr/bin/env bash
# Instruction counts (callgrind) of the keyring path, which do not move with the machine's
# load: `node -e 0`, `aim exec` in a trusted 1-key and a 10-key project, `--keys K`,
# `aim hook-env`, `--no-config`, and `secret-tool lookup`, each the median of 3 runs (and
# the same without V8's random hash-seed set-up, the steadier figure to compare), in a
# private D-Bus session with its own gnome-keyring and a throwaway HOME (bench/README.md,
# "Keyring path"). Usage: bench/callgrind-keyring.sh [DIST_CLI_JS] (default dist/cli.js);
# NODE picks the Node (default: Node 24 from scripts/test-deps.mjs).
set -euo pipefail
if [ "${1:-}" != --inside ]; then
  cli=$(realpath "${1:-dist/cli.js}")
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  export NODE=${NODE:-$HOME/.cache/aim-test/node24/node_modules/.bin/node}
  env -u DBUS_SESSION_BUS_ADDRESS -u AIM_BACKEND HOME="$home" XDG_RUNTIME_DIR="$home" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share" AIM_KEYRING_SERVICE=aim-callgrind NO_COLOR=1 \
    dbus-run-session -- "$0" --inside "$cli" 2> >(grep -v 'fd limit' >&2)
  exit
fi
cli=$2
N=$NODE
printf aim-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# aim exec replaces itself with the command: the preload ends the count there.
echo 'process.execve = () => process.reallyExit(0)' >"$HOME/noexec.cjs"
for i in 01 02 03 04 05 06 07 08 09 10; do printf "v-%s" "$i" | "$N" "$cli" secrets set "AIM_T_K$i" 2>/dev/null; done
mkdir -p "$HOME/p" "$HOME/p10"
printf 'keys: [AIM_T_K01]\n' >"$HOME/p/.aimrc"
printf 'keys: [AIM_T_K01, AIM_T_K02, AIM_T_K03, AIM_T_K04, AIM_T_K05, AIM_T_K06, AIM_T_K07, AIM_T_K08, AIM_T_K09, AIM_T_K10]\n' >"$HOME/p10/.aimrc"
(cd "$HOME/p10" && "$N" "$cli" allow >/dev/null 2>&1)
cd "$HOME/p" && "$N" "$cli" allow >/dev/null 2>&1
"$N" "$cli" hook-env bash 1 "$HOME/p" >/dev/null 2>&1 || true
# Warm Node's compile cache first, as a user's second run would find it.
for _ in 1 2; do "$N" "$cli" exec -- true; (cd "$HOME/p10" && "$N" "$cli" exec -- true); "$N" "$cli" exec --no-config -- true; done
# Each run's count, and the same without V8's set-up of its random hash seed
# (HashSeed::InitializeRoots), which alone moves a run by up to 10 M instructions: the
# median run by the second figure.
cg() {
  local out
  for _ in 1 2 3; do
    out=$(mktemp)
    valgrind --tool=callgrind --trace-children=no --callgrind-out-file="$out" "$@" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes --threshold=100 "$out" |
      awk '/PROGRAM TOTALS/ { gsub(",", "", $1); t = $1 } /HashSeed::InitializeRoots/ && !h { gsub(",", "", $1); h = $1 } END { print t, t - h }'
    rm -f "$out"
  done | sort -n -k2 | sed -n 2p | awk '{ printf "%s (%.1f M without the hash seed)", $1, $2 / 1e6 }'
}
pre=(-r "$HOME/noexec.cjs")
echo "node -e 0: $(cg "$N" "${pre[@]}" -e 0)"
echo "aim exec -- true (1 key): $(cg "$N" "${pre[@]}" "$cli" exec -- true)"
echo "aim exec --keys K -- true: $(cg "$N" "${pre[@]}" "$cli" exec --keys AIM_T_K01 -- true)"
echo "aim hook-env: $(cg "$N" "${pre[@]}" "$cli" hook-env bash 1 "$HOME/p")"
echo "aim exec -- true (10 keys): $(cd "$HOME/p10" && cg "$N" "${pre[@]}" "$cli" exec -- true)"
echo "aim exec --no-config -- true: $(cg "$N" "${pre[@]}" "$cli" exec --no-config -- true)"
echo "secret-tool lookup: $(cg secret-tool lookup service aim-callgrind username AIM_T_K01)"
