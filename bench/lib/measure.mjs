// Times whole processes, interleaved: each round runs every command once, in a rotating
// order, so that load from other processes on a shared machine falls on all of them alike.
// Each run is timed by a bash around it, like hyperfine: wall time from $EPOCHREALTIME, and
// CPU time (user + system, the command and what it waited for) from `times`. CPU time
// hardly moves with load from other processes, wall time does: the report shows both.
import { spawnSync } from "node:child_process";
import { rotation } from "./stats.mjs";

const WRAP = 's=$EPOCHREALTIME; "$@" </dev/null >/dev/null; c=$?; e=$EPOCHREALTIME; times; echo "$s $e $c"';

/** `times` prints "0m0.120s 0m0.030s" (user, system) for the shell, then for its children. */
export function parseTimes(stdout) {
  const lines = stdout.trim().split("\n");
  const [s = "", e = "", code = ""] = (lines.at(-1) ?? "").split(" ");
  const micros = (t) => BigInt(t.replace(/[.,]/, ""));
  const seconds = [...(lines.at(-2) ?? "").matchAll(/(\d+)m([\d.,]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2].replace(",", ".")));
  return {
    wall: Number(micros(e) - micros(s)) / 1000,
    cpu: seconds.reduce((a, b) => a + b, 0) * 1000,
    code: Number(code),
  };
}

/** One run of `cmd`: wall and CPU milliseconds; throws if the command fails. */
function timeOnce(cmd) {
  const r = spawnSync("bash", ["-c", WRAP, "bench", ...cmd.argv], {
    cwd: cmd.cwd,
    env: cmd.env,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  const t = r.status === 0 ? parseTimes(r.stdout) : undefined;
  if (t?.code !== 0) {
    throw new Error(`bench: "${cmd.label}" failed (${r.error?.message ?? `exit ${t?.code ?? r.status}`}): ${r.stderr ?? ""}`.trim());
  }
  return t;
}

/**
 * Runs `warmup` untimed rounds, then `rounds` timed ones. Returns, per command label, the
 * wall and CPU times in round order (so the lists of two commands pair up by index).
 */
export function measure(commands, { rounds, warmup = 2 }) {
  for (let w = 0; w < warmup; w++) for (const c of commands) timeOnce(c);
  const times = new Map(commands.map((c) => [c.label, { wall: [], cpu: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const i of rotation(commands.length, r)) {
      const c = commands[i];
      const t = timeOnce(c);
      times.get(c.label).wall.push(t.wall);
      times.get(c.label).cpu.push(t.cpu);
    }
  }
  return times;
}
