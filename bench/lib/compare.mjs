// Two builds of aim in one run (`--aim-old DIR`): the start-up commands of each, interleaved
// round by round with `node -e 0`, so that load from other processes falls on both builds
// alike. Each is a paired ratio to node, and new against old is paired too; the middle half
// of the per-round new/old ratios says how noisy the run was.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { keyNames } from "./fixtures.mjs";
import { measure } from "./measure.mjs";
import { fmtMs, fmtRatio, median, pairedRatio, pairedSpread } from "./stats.mjs";

const NODE = "node -e 0";
const KEYS = 5;

/** The cli.js of the build at `path`: a dist/ folder, or the cli.js itself. */
export function oldCli(path, cwd) {
  const p = resolve(cwd, path);
  const cli = existsSync(p) && statSync(p).isDirectory() ? join(p, "cli.js") : p;
  if (!existsSync(cli))
    throw new Error(`bench: --aim-old ${path}: no cli.js there; build the old commit (npm run build) and give its dist/`);
  return cli;
}

/** Measures both builds; returns the Markdown section and the plain lines for the console. */
export async function compareBuilds(ctx, world, { rounds, haveSecrets }) {
  const { node, env, root } = ctx;
  const bare = world.bare();
  const project = world.project(KEYS);
  if (!haveSecrets) await world.setSecrets(keyNames(KEYS));
  const cases = [
    ["aim exec -- true (no .aimrc)", ["exec", "--", "true"], bare],
    [`aim hook-env bash (cd into a ${KEYS}-key project)`, ["hook-env", "bash", "1", project], project],
    ["aim hook-env bash (cd outside projects)", ["hook-env", "bash", "1", bare], bare],
  ];
  const builds = [
    ["old", ctx.aimOld],
    ["new", ctx.aim],
  ];
  const commands = [{ label: NODE, argv: [node, "-e", "0"], cwd: root, env }];
  for (const [what, args, cwd] of cases)
    for (const [b, cli] of builds) commands.push({ label: `${what} [${b}]`, argv: [node, cli, ...args], cwd, env });
  const t = measure(commands, { rounds, warmup: 3 });

  const n = t.get(NODE);
  const rows = cases.map(([what]) => {
    const [o, w] = [t.get(`${what} [old]`), t.get(`${what} [new]`)];
    return {
      what,
      old: pairedRatio(o.wall, n.wall),
      new: pairedRatio(w.wall, n.wall),
      oldCpu: pairedRatio(o.cpu, n.cpu),
      newCpu: pairedRatio(w.cpu, n.cpu),
      change: pairedRatio(w.wall, o.wall),
      spread: pairedSpread(w.wall, o.wall),
      ms: [median(o.wall), median(w.wall)],
    };
  });
  const head = [
    "command",
    "old × node -e 0",
    "new × node -e 0",
    "CPU: old / new × node",
    "new / old (wall)",
    "middle half of new / old",
    "median ms old / new",
  ];
  const body = rows.map((r) => [
    r.what,
    fmtRatio(r.old),
    fmtRatio(r.new),
    `${fmtRatio(r.oldCpu)} / ${fmtRatio(r.newCpu)}`,
    fmtRatio(r.change),
    `${fmtRatio(r.spread[0])}–${fmtRatio(r.spread[1])}`,
    `${fmtMs(r.ms[0])} / ${fmtMs(r.ms[1])}`,
  ]);
  const table = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
  const markdown = `### Against another build\n\nold: \`${ctx.aimOld}\`, new: \`${ctx.aim}\`; ${rounds} interleaved rounds after a warm-up, node -e 0 ${fmtMs(median(n.wall))} ms.\n\n${table}\n`;
  const lines = rows.map(
    (r) =>
      `bench: ${r.what}: old ${fmtRatio(r.old)}, new ${fmtRatio(r.new)} node -e 0 (CPU ${fmtRatio(r.oldCpu)} / ${fmtRatio(r.newCpu)}); new/old ${fmtRatio(r.change)} (middle half ${fmtRatio(r.spread[0])}–${fmtRatio(r.spread[1])})`,
  );
  return { markdown, lines };
}
