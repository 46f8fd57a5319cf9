// The team-file group: aim exec with 5 team: keys opened by an identity in AIM_IDENTITY
// (no keyring, no scrypt), against 5 keyring keys and the passphrase vault, in one run.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyNames } from "./fixtures.mjs";
import { measure } from "./measure.mjs";
import { renderGroup, summarize } from "./report.mjs";
import { fmtRatio, pairedRatio } from "./stats.mjs";

const dummy = (name) => `bench-team-dummy-${name.toLowerCase()}-0123456789`;

function run(ctx, args, cwd, env, input = "") {
  const r = spawnSync(ctx.node, [ctx.aim, ...args], { cwd, env, input, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench setup: aim ${args.join(" ")} failed: ${r.stderr}`);
}

/** Builds the team and vault projects; returns the commands to measure. */
function setup(ctx, keyringProject) {
  const names = keyNames(5);
  const keygen = spawnSync("age-keygen", [], { encoding: "utf8" });
  if (keygen.status !== 0) throw new Error("bench: age-keygen is needed for the team group (apt install age)");
  const identity = keygen.stdout.match(/^AGE-SECRET-KEY-1\S+$/m)?.[0];
  const teamEnv = { ...ctx.env, AIM_IDENTITY: identity };
  const team = join(ctx.world, "team5");
  mkdirSync(team, { recursive: true });
  writeFileSync(join(team, ".aimrc"), `keys:\n${names.map((k) => `  - ${k}: team:${k}\n`).join("")}`);
  run(ctx, ["team", "init"], team, teamEnv);
  for (const k of names) run(ctx, ["team", "set", k], team, teamEnv, dummy(k));
  run(ctx, ["allow"], team, teamEnv);
  // A vault with the same 5 keys and age's default scrypt work factor, as a user gets it.
  const vaultEnv = {
    ...ctx.env,
    AIM_BACKEND: "file",
    AIM_VAULT_PASSPHRASE: "bench passphrase, not a secret",
    AIM_DATA_DIR: join(ctx.world, "vault-data"),
  };
  for (const k of names) run(ctx, ["secrets", "set", k], keyringProject, vaultEnv, dummy(k));
  // Trust records live in the data folder: the vault's own one must allow the project too.
  run(ctx, ["allow"], keyringProject, vaultEnv);
  const c = (label, cwd, env) => ({ label, argv: [ctx.node, ctx.aim, "exec", "--", "true"], cwd, env });
  return [
    { label: "node -e 0", argv: [ctx.node, "-e", "0"], cwd: ctx.world, env: ctx.env },
    c("aim exec, 5 keyring keys", keyringProject, ctx.env),
    c("aim exec, 5 team: keys (AIM_IDENTITY)", team, teamEnv),
    c("aim exec, 5 vault keys (passphrase, scrypt)", keyringProject, vaultEnv),
  ];
}

export function teamGroup(ctx, keyringProject, runs) {
  const group = setup(ctx, keyringProject);
  console.log(`bench: team group, ${group.length} commands × ${runs} rounds`);
  const t = measure(group, { rounds: runs, warmup: 1 });
  const ratio = pairedRatio(t.get(group[2].label).wall, t.get(group[1].label).wall);
  const vault = pairedRatio(t.get(group[3].label).wall, t.get(group[1].label).wall);
  const note = `5 team: keys / 5 keyring keys: ${fmtRatio(ratio)} (target ≤ 1.5×); the passphrase vault / keyring: ${fmtRatio(vault)}.`;
  console.log(`bench: ${note}`);
  return renderGroup(
    "Team file: AIM_IDENTITY against the keyring and the passphrase vault (5 keys)",
    summarize(t),
    `${runs} interleaved rounds. ${note}`,
  );
}
