// What the benchmark measures, group by group, and the ratios it checks.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { agentsGroup } from "./agents.mjs";
import { compareBuilds } from "./compare.mjs";
import { keyNames, makeWorld } from "./fixtures.mjs";
import { keyringPathGroup } from "./keyring-path.mjs";
import { measure } from "./measure.mjs";
import { teamGroup } from "./team.mjs";
import { renderChecks, renderGroup, renderResults, machine, summarize } from "./report.mjs";
import { fmtMs, fmtRatio, median, pairedRatio, verdict } from "./stats.mjs";

/** The design's budget is 1.3× node -e 0; the bench fails a run only past this. */
export const GUARD = 1.5;
const NODE = "node -e 0";
// The keyring floor: a plain Node script that imports @napi-rs/keyring and fetches the keys.
const FIND = "plain keyring script: one find (50 stored)";
const gets = (n) => `plain keyring script: ${n} get${n > 1 ? "s" : ""}`;
const EXEC_BARE = "aim exec -- true (no .aimrc)";

const commands = (ctx) => {
  const { node, aim, env, root } = ctx;
  const c = (label, argv, cwd = root) => ({ label, argv, cwd, env });
  const probe = join(root, "bench", "keyring-probe.mjs");
  const service = env.AIM_KEYRING_SERVICE;
  return {
    tru: c("/bin/true", ["/bin/true"]),
    node: c(NODE, [node, "-e", "0"]),
    version: c("aim --version", [node, aim, "--version"]),
    exec: (label, cwd) => c(label, [node, aim, "exec", "--", "true"], cwd),
    list: c("aim secrets list (200 stored)", [node, aim, "secrets", "list"]),
    find: (label) => c(label, [node, probe, "find", service]),
    get: (label, n) => c(label, [node, probe, "get", service, ...keyNames(n)]),
    dotenvx: (label, cwd) => c(label, [node, join(root, "node_modules/@dotenvx/dotenvx/src/cli/dotenvx.js"), "run", "--", "true"], cwd),
    direnv: (label, cwd) => c(label, ["direnv", "exec", cwd, "true"], cwd),
  };
};

/**
 * CI's check: aim exec -- true against node -e 0, a few short attempts, best one counts.
 * With --aim-old, then the two builds against each other.
 */
export async function quickCheck(ctx) {
  const cmd = commands(ctx);
  const world = makeWorld(ctx);
  const bare = world.bare();
  const group = [cmd.node, cmd.exec(EXEC_BARE, bare)];
  const ratios = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const t = measure(group, { rounds: ctx.runs ?? 21, warmup: 3 });
    const [aim, node] = [t.get(EXEC_BARE), t.get(NODE)];
    ratios.push(pairedRatio(aim.wall, node.wall));
    console.log(
      `bench: attempt ${attempt}: ${EXEC_BARE} = ${fmtRatio(ratios.at(-1))} node -e 0 in wall time, ${fmtRatio(pairedRatio(aim.cpu, node.cpu))} in CPU time (medians ${fmtMs(median(aim.wall))} / ${fmtMs(median(node.wall))} ms)`,
    );
    if (verdict(ratios, GUARD).ok) break;
  }
  const { ok, best } = verdict(ratios, GUARD);
  console.log(
    ok ? `bench: within budget (${fmtRatio(best)} ≤ ${GUARD}×)` : `bench: OVER BUDGET: ${fmtRatio(best)} > ${GUARD}× in every attempt`,
  );
  runHook(ctx, true);
  if (ctx.aimOld)
    for (const line of (await compareBuilds(ctx, world, { rounds: ctx.runs ?? 21, haveSecrets: false })).lines) console.log(line);
  return ok;
}

/** `--team`: only the team-file group, on a world of its own with the 5 keyring keys; prints. */
export async function teamOnly(ctx) {
  const w = makeWorld(ctx);
  const p5 = w.project(5);
  await w.setSecrets(keyNames(5));
  console.log(`\n${teamGroup(ctx, p5, ctx.runs ?? 10)}`);
  return true;
}

/** `--keyring`: only the keyring-path group (issue 24), on a world of its own; prints. */
export async function keyringOnly(ctx) {
  const { lines, ok } = await keyringPathGroup(ctx, { rounds: ctx.runs ?? 15 });
  for (const line of lines) console.log(line);
  return ok;
}

function runHook(ctx, quick) {
  if (!ctx.hook) {
    const text = "The hook bench is not available yet (bench/hook.mjs is missing).";
    console.log(`bench: ${text}`);
    return { text, ok: true };
  }
  // bench/hook.mjs (the hook's own bench) takes --runs; inside this session it uses it.
  const r = spawnSync(ctx.node, [ctx.hook, "--runs", String(quick ? 5 : (ctx.runs ?? 25))], {
    cwd: ctx.root,
    env: { ...ctx.env, AIM_BENCH_AIM: ctx.aim, AIM_BENCH_WORLD: ctx.world },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  process.stdout.write(r.stdout ?? "");
  const text = r.stdout?.trim() ? `\`\`\`\n${r.stdout.trim()}\n\`\`\`` : "bench/hook.mjs printed nothing.";
  return { text, ok: r.status === 0 };
}

/** Every group of the full table, then RESULTS.md's text and the guard's verdict. */
export async function fullRun(ctx) {
  const info = machine();
  const cmd = commands(ctx);
  const w = makeWorld(ctx);
  const bare = w.bare();
  const p = Object.fromEntries([1, 10, 50].map((n) => [n, w.project(n, { direnv: true })]));
  await w.setSecrets(keyNames(50));
  const runs = ctx.runs ?? 25;

  const startup = [
    cmd.tru,
    cmd.node,
    cmd.version,
    cmd.exec(EXEC_BARE, bare),
    ...[1, 10, 50].map((n) => cmd.exec(`aim exec -- true (${n} key${n > 1 ? "s" : ""})`, p[n])),
    cmd.find(FIND),
    ...[1, 10, 50].map((n) => cmd.get(gets(n), n)),
    ...[10, 50].map((n) => cmd.dotenvx(`dotenvx run -- true (${n} keys)`, p[n])),
    ...[10, 50].map((n) => cmd.direnv(`direnv exec . true (${n} keys)`, p[n])),
  ];
  console.log(`bench: start-up group, ${startup.length} commands × ${runs} rounds`);
  const t1 = measure(startup, { rounds: runs, warmup: 2 });

  // 10 keys across two profiles (issue 11): one batched fetch for both, against 1 key, in
  // a group of its own so that the start-up group keeps its 50 stored secrets.
  const two = w.profileProject(10);
  await w.setSecrets(two.storeKeys);
  const PROFILES = "aim exec -- true (10 keys, two profiles)";
  const profiles = [cmd.node, cmd.exec(key(1), p[1]), cmd.exec(key(10), p[10]), cmd.exec(PROFILES, two.dir)];
  console.log(`bench: profiles group, ${profiles.length} commands × ${runs} rounds`);
  const t3 = measure(profiles, { rounds: runs, warmup: 1 });

  w.importSecrets(keyNames(150, 51));
  const many = [
    cmd.tru,
    cmd.node,
    cmd.list,
    cmd.exec("aim exec -- true (1 key, 200 stored)", p[1]),
    cmd.exec("aim exec -- true (10 keys, 200 stored)", p[10]),
    cmd.find("plain keyring script: one find (200 stored)"),
    cmd.get("plain keyring script: 1 get (200 stored)", 1),
    cmd.get("plain keyring script: 10 gets (200 stored)", 10),
  ];
  console.log(`bench: 200-secret group, ${many.length} commands × ${runs} rounds`);
  const t2 = measure(many, { rounds: runs, warmup: 1 });

  const execve = agentsGroup(ctx);
  const p5 = w.project(5);
  const team = teamGroup(ctx, p5, Math.min(runs, 15));
  const keyring = await keyringPathGroup(ctx, { rounds: runs });
  const hook = runHook(ctx, false);
  const against = ctx.aimOld ? await compareBuilds(ctx, w, { rounds: runs, haveSecrets: true }) : undefined;
  const checks = [...keyChecks(t1), profileCheck(t3, PROFILES)];
  const ok = checks[0].ratio.wall <= GUARD && hook.ok && execve.ok;
  const rounds = `${runs} interleaved rounds after a warm-up.`;
  const sections = [
    renderChecks(checks),
    renderGroup("Start-up: aim exec against node, the keyring floor, dotenvx and direnv (50 secrets stored)", summarize(t1), rounds),
    renderGroup("Profiles: 10 keys across two profiles (60 secrets stored)", summarize(t3), rounds),
    renderGroup("200 secrets stored", summarize(t2), rounds),
    `## aim exec by execve\n\n${execve.markdown}`,
    team,
    keyring.markdown,
    `### Shell hook\n\n${hook.text.trim()}\n`,
    ...(against ? [against.markdown] : []),
  ];
  return { ok, markdown: renderResults({ date: new Date().toISOString(), command: process.env.AIM_BENCH_COMMAND, info, sections }) };
}

const key = (n) => `aim exec -- true (${n} key${n > 1 ? "s" : ""})`;

function profileCheck(t, label) {
  const ratio = { wall: pairedRatio(t.get(label).wall, t.get(key(1)).wall), cpu: pairedRatio(t.get(label).cpu, t.get(key(1)).cpu) };
  return { what: "aim exec, 10 keys across two profiles / 1 key", ratio, target: 1.5 };
}

function keyChecks(t) {
  const r = (a, b) => ({ wall: pairedRatio(t.get(a).wall, t.get(b).wall), cpu: pairedRatio(t.get(a).cpu, t.get(b).cpu) });
  const floor = (n) => (median(t.get(FIND).wall) < median(t.get(gets(n)).wall) ? FIND : gets(n));
  return [
    { what: `${EXEC_BARE} / node -e 0 (CI fails past ${GUARD}×)`, ratio: r(EXEC_BARE, NODE), target: 1.3 },
    { what: "aim exec, 10 keys / 1 key", ratio: r(key(10), key(1)), target: 1.5 },
    ...[1, 10, 50].map((n) => ({
      what: `aim exec, ${n} key${n > 1 ? "s" : ""} / the cheaper plain keyring script for them`,
      ratio: r(key(n), floor(n)),
      target: 1.3,
    })),
    { what: "dotenvx run, 10 keys / aim exec, 10 keys", ratio: r("dotenvx run -- true (10 keys)", key(10)) },
    { what: "direnv exec, 10 keys / aim exec, 10 keys", ratio: r("direnv exec . true (10 keys)", key(10)) },
  ];
}
