// The keyring path (issue 24): a trusted project whose key is in gnome-keyring, on Node 24
// (held to DESIGN.md's budget) and on Node 20 (reported only), against `node -e 0` of the
// same Node and against direnv whose .envrc reads the same key with one `secret-tool lookup`.
// One interleaved group, so every ratio comes from the same rounds.
// NODE_EXTRA_CA_CERTS, when the environment sets it, is left as it is for every command:
// aim and `node -e 0` run under the same environment (Node reads the bundle only on demand).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyName, keyNames, makeWorld } from "./fixtures.mjs";
import { measure } from "./measure.mjs";
import { renderChecks, renderGroup, summarize } from "./report.mjs";
import { fmtMs, fmtRatio, median, pairedRatio } from "./stats.mjs";
import { testPaths } from "../../scripts/test-deps.mjs";

// The Node 24 that scripts/test-deps.mjs installs (as bench/broker.mjs uses), unless set.
const NODE24 = process.env.AIM_BENCH_NODE24 || testPaths().node24;
const KEY = keyName(1);

/** A trusted 1-key project whose .envrc reads the key from the keyring, as a direnv user would. */
function secretToolProject(ctx) {
  const dir = join(ctx.world, "kp1");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, ".aimrc"), `keys:\n  - ${KEY}\n`);
  // @napi-rs/keyring stores service and username attributes: secret-tool finds the same item.
  writeFileSync(join(dir, ".envrc"), `export ${KEY}="$(secret-tool lookup service '${ctx.env.AIM_KEYRING_SERVICE}' username ${KEY})"\n`);
  const run = (argv) => {
    const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, env: ctx.env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench setup: ${argv.join(" ")} failed: ${r.error?.message ?? r.stderr}`);
    return r.stdout;
  };
  run([ctx.node, ctx.aim, "allow"]);
  run(["direnv", "allow", dir]);
  if (run(["direnv", "exec", dir, "sh", "-c", `printf %s "$${KEY}"`]) === "")
    throw new Error(`bench setup: secret-tool found no ${KEY} through direnv`);
  return dir;
}

/** Measures the group; returns the Markdown section, the console lines and the Node 24 verdict. */
export async function keyringPathGroup(ctx, { rounds }) {
  if (!existsSync(NODE24)) {
    const text = `Node 24 is not installed at ${NODE24}: node scripts/test-deps.mjs installs it (or set AIM_BENCH_NODE24)`;
    return { markdown: `### The keyring path\n\n${text}\n`, lines: [`bench: ${text}`], ok: false };
  }
  const w = makeWorld(ctx);
  await w.setSecrets(keyNames(10));
  const p1 = secretToolProject(ctx);
  const p10 = w.project(10);
  const bare = w.bare();
  const version = (node) => spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const nodes = [
    ["24", NODE24, version(NODE24)],
    ["20", ctx.node, version(ctx.node)],
  ];
  const c = (label, argv, cwd) => ({ label, argv, cwd, env: ctx.env });
  const L = (v, what) => `${what} [Node ${v}]`;
  const DIRENV = "direnv exec . true (.envrc: one secret-tool lookup)";
  const group = [
    c(DIRENV, ["direnv", "exec", p1, "true"], p1),
    c("secret-tool lookup (alone)", ["secret-tool", "lookup", "service", ctx.env.AIM_KEYRING_SERVICE, "username", KEY], p1),
  ];
  for (const [, node, v] of nodes) {
    group.push(
      c(L(v, "node -e 0"), [node, "-e", "0"], p1),
      c(L(v, "aim exec -- true (trusted, 1 key)"), [node, ctx.aim, "exec", "--", "true"], p1),
      c(L(v, `aim exec --keys ${KEY} -- true (no project)`), [node, ctx.aim, "exec", "--keys", KEY, "--", "true"], bare),
      c(L(v, "aim hook-env bash (cd into the 1-key project)"), [node, ctx.aim, "hook-env", "bash", "1", p1], p1),
      c(L(v, "aim exec -- true (trusted, 10 keys)"), [node, ctx.aim, "exec", "--", "true"], p10),
    );
  }
  const t = measure(group, { rounds, warmup: 2 });
  const r = (a, b) => ({ wall: pairedRatio(t.get(a).wall, t.get(b).wall), cpu: pairedRatio(t.get(a).cpu, t.get(b).cpu) });
  const checks = [];
  for (const [major, , v] of nodes) {
    const held = major === "24";
    const target = (x) => (held ? x : undefined);
    const n = L(v, "node -e 0");
    const one = L(v, "aim exec -- true (trusted, 1 key)");
    checks.push(
      { what: `Node ${v}: aim exec -- true, trusted 1-key project / node -e 0`, ratio: r(one, n), target: target(1.35) },
      {
        what: `Node ${v}: aim exec -- true, trusted 1-key project / direnv exec . (secret-tool)`,
        ratio: r(one, DIRENV),
        target: target(1.0),
      },
      {
        what: `Node ${v}: aim exec --keys ${KEY} -- true / node -e 0`,
        ratio: r(L(v, `aim exec --keys ${KEY} -- true (no project)`), n),
        target: target(1.3),
      },
      {
        what: `Node ${v}: aim hook-env into the project / node -e 0`,
        ratio: r(L(v, "aim hook-env bash (cd into the 1-key project)"), n),
        target: target(1.35),
      },
      { what: `Node ${v}: aim exec, 10 keys / 1 key`, ratio: r(L(v, "aim exec -- true (trusted, 10 keys)"), one), target: target(1.2) },
    );
  }
  checks.push({ what: `direnv exec . (secret-tool) / node -e 0 [Node ${nodes[0][2]}]`, ratio: r(DIRENV, L(nodes[0][2], "node -e 0")) });
  const lines = checks.map(
    (k) =>
      `bench: ${k.what} = ${fmtRatio(k.ratio.wall)} wall, ${fmtRatio(k.ratio.cpu)} CPU${k.target ? ` (target ≤ ${k.target}×: ${k.ratio.wall <= k.target ? "met" : "MISSED"})` : ""}`,
  );
  lines.push(`bench: medians: ${group.map((g) => `${g.label} ${fmtMs(median(t.get(g.label).wall))} ms`).join("; ")}`);
  // The × node -e 0 columns of the table are against Node 24's (summarize looks for that label).
  const n24 = L(nodes[0][2], "node -e 0");
  const rows = summarize(new Map([...t].map(([k, v]) => [k === n24 ? "node -e 0" : k, v]))).map((row) =>
    row.label === "node -e 0" ? { ...row, label: n24 } : row,
  );
  const note = `${rounds} interleaved rounds after a warm-up; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? "set" : "unset"} for every command. The × node -e 0 columns are against Node ${nodes[0][2]}'s; the checks above pair each Node with its own.`;
  const markdown = `### The keyring path (issue 24)\n\n${renderChecks(checks)}\n${renderGroup("Keyring path: trusted project, key in gnome-keyring", rows, note)}`;
  const ok = checks.every((k) => !k.target || k.ratio.wall <= k.target);
  return { markdown, lines, ok };
}
