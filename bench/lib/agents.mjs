// The execve budget (issue 13): on Node 24 aim exec -- true against node -e 0, and how many aim
// processes are alive while the command runs; on Node 20 aim exec -- true against a bare script
// that only spawns `true`. Node 24 is npm's `node` package (scripts/test-deps.mjs installs it).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { testPaths } from "../../scripts/test-deps.mjs";
import { makeWorld } from "./fixtures.mjs";
import { measure } from "./measure.mjs";
import { renderChecks, renderGroup, summarize } from "./report.mjs";
import { fmtMs, median, pairedRatio } from "./stats.mjs";

const NODE24 = process.env.AIM_BENCH_NODE24 || testPaths().node24;

/** How many processes run aim's cli.js while `aim exec` runs a command that counts them. */
function aimProcessesDuring(node, ctx, cwd) {
  const count =
    'n=0; for p in /proc/[0-9]*; do case "$(tr "\\0" " " < "$p/cmdline" 2>/dev/null)" in *"$AIM_BENCH_CLI exec"*) n=$((n+1));; esac; done; echo "$n"';
  const r = spawnSync(node, [ctx.aim, "exec", "--", "sh", "-c", count], {
    cwd,
    env: { ...ctx.env, AIM_BENCH_CLI: ctx.aim },
    encoding: "utf8",
  });
  return r.status === 0 ? Number(r.stdout.trim()) : NaN;
}

export function agentsGroup(ctx) {
  if (!existsSync(NODE24)) {
    const text = `Node 24 is not installed at ${NODE24}: node scripts/test-deps.mjs installs it (or set AIM_BENCH_NODE24)`;
    console.log(`bench: ${text}`);
    return { markdown: `### aim exec by execve\n\n${text}\n`, ok: true };
  }
  const v24 = spawnSync(NODE24, ["--version"], { encoding: "utf8" }).stdout.trim();
  const cwd = makeWorld(ctx).bare();
  const c = (label, argv) => ({ label, argv, cwd, env: ctx.env });
  const L = {
    node24: `node -e 0 (Node ${v24})`,
    execve24: `bare script: process.execve("/bin/true") (Node ${v24})`,
    aim24: `aim exec -- true (Node ${v24}: execve)`,
    node20: `node -e 0 (Node ${process.version})`,
    spawn20: `bare script: spawn("true") (Node ${process.version})`,
    aim20: `aim exec -- true (Node ${process.version}: spawn)`,
  };
  const group = [
    c("/bin/true", ["/bin/true"]),
    c(L.node24, [NODE24, "-e", "0"]),
    c(L.execve24, [NODE24, join(ctx.root, "bench", "execve-true.mjs")]),
    c(L.aim24, [NODE24, ctx.aim, "exec", "--", "true"]),
    c(L.node20, [ctx.node, "-e", "0"]),
    c(L.spawn20, [ctx.node, join(ctx.root, "bench", "spawn-true.mjs")]),
    c(L.aim20, [ctx.node, ctx.aim, "exec", "--", "true"]),
  ];
  const runs = ctx.runs ?? 25;
  console.log(`bench: execve group, ${group.length} commands × ${runs} rounds`);
  const t = measure(group, { rounds: runs, warmup: 2 });
  const r = (a, b) => ({ wall: pairedRatio(t.get(a).wall, t.get(b).wall), cpu: pairedRatio(t.get(a).cpu, t.get(b).cpu) });
  const checks = [
    { what: `Node ${v24}: aim exec -- true / node -e 0`, ratio: r(L.aim24, L.node24), target: 1.3 },
    { what: `Node ${process.version}: aim exec -- true / a bare script that spawns true`, ratio: r(L.aim20, L.spawn20), target: 1.2 },
  ];
  const alive24 = aimProcessesDuring(NODE24, ctx, cwd);
  const alive20 = aimProcessesDuring(ctx.node, ctx, cwd);
  const procs = `aim processes alive while the command runs: ${alive24} on Node ${v24} (target 0), ${alive20} on Node ${process.version} (the spawn path waits as the parent).`;
  for (const k of checks)
    console.log(`bench: ${k.what} = ${k.ratio.wall.toFixed(2)}× wall, ${k.ratio.cpu.toFixed(2)}× CPU (target ≤ ${k.target}×)`);
  console.log(`bench: ${procs}`);
  console.log(`bench: medians: ${group.map((g) => `${g.label} ${fmtMs(median(t.get(g.label).wall))} ms`).join("; ")}`);
  const markdown = `${renderChecks(checks)}\n${procs}\n\n${renderGroup("aim exec by execve (Node 24) and by spawn (Node 20)", summarize(t), `${runs} interleaved rounds after a warm-up. The × node -e 0 column is against Node 20's.`)}`;
  return { markdown, ok: alive24 === 0 };
}
