// Turns measured groups into the Markdown of bench/RESULTS.md. Ratios first: the machine
// is shared and noisy, so absolute times say little outside the run that made them.
import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fmtMs, fmtRatio, median, pairedRatio } from "./stats.mjs";

export function machine() {
  let nproc = String(availableParallelism());
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {}
  return {
    nproc,
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}

/** Rows of one interleaved group: medians, and paired ratios against node -e 0 and /bin/true. */
export function summarize(times) {
  const node = times.get("node -e 0");
  const tru = times.get("/bin/true");
  return [...times].map(([label, t]) => ({
    label,
    wall: median(t.wall),
    cpu: median(t.cpu),
    vsNode: node ? pairedRatio(t.wall, node.wall) : NaN,
    vsNodeCpu: node ? pairedRatio(t.cpu, node.cpu) : NaN,
    vsTrue: tru ? pairedRatio(t.wall, tru.wall) : NaN,
  }));
}

const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

export function renderGroup(title, rows, runs) {
  const body = rows.map((r) => [r.label, fmtRatio(r.vsNode), fmtRatio(r.vsNodeCpu), fmtRatio(r.vsTrue), fmtMs(r.wall), fmtMs(r.cpu)]);
  const head = ["command", "× node -e 0 (wall)", "× node -e 0 (CPU)", "× /bin/true (wall)", "median wall ms", "median CPU ms"];
  return `### ${title}\n\n${runs}\n\n${table(head, body)}\n`;
}

/** Judged on wall time, what a user waits for; CPU time beside it is steadier under load. */
export function renderChecks(checks) {
  const body = checks.map((c) => [
    c.what,
    fmtRatio(c.ratio.wall),
    fmtRatio(c.ratio.cpu),
    c.target ? `≤ ${c.target}×` : "",
    c.target ? (c.ratio.wall <= c.target ? "met" : "MISSED") : "",
  ]);
  return `### The figures that matter\n\n${table(["ratio", "wall", "CPU", "target", ""], body)}\n`;
}

export function renderResults({ date, command, info, sections }) {
  return `# aim benchmark results

Made by \`${command}\` on ${date}.
Machine: ${info.nproc} CPUs (\`nproc\`), ${info.cpu}, Node ${info.node}; load average at the start: ${info.load}.
Every figure is a median over interleaved rounds (each round runs every command of its group once,
in rotating order); ratios are medians of the per-round ratios, so load from other processes on
this shared machine falls on both sides of each ratio. Wall time is what a user waits for;
CPU time (user + system of the process and the children it waited for, not the keyring
daemon's) moves much less with load from others. Times in ms are for this run only.

${sections.join("\n")}`;
}
