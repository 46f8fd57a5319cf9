// Times whole processes, interleaved: each round runs every command once, in a rotating
// order, so that load from other processes on a shared machine falls on all of them alike.
import { spawnSync } from "node:child_process";
import { rotation } from "./stats.mjs";

/** One run of `cmd`, in milliseconds of wall time; throws if the command fails. */
function timeOnce(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), {
    cwd: cmd.cwd,
    env: cmd.env,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) {
    throw new Error(`bench: "${cmd.label}" failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr ?? ""}`.trim());
  }
  return ms;
}

/**
 * Runs `warmup` untimed rounds, then `rounds` timed ones. Returns, per command label, the
 * list of times in round order (so lists of two commands pair up by index).
 */
export function measure(commands, { rounds, warmup = 2 }) {
  for (let w = 0; w < warmup; w++) for (const c of commands) timeOnce(c);
  const times = new Map(commands.map((c) => [c.label, []]));
  for (let r = 0; r < rounds; r++) {
    for (const i of rotation(commands.length, r)) {
      const c = commands[i];
      times.get(c.label).push(timeOnce(c));
    }
  }
  return times;
}
