import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, sandbox } from "./cli.js";

/** The fixture tools (fixtures/tools/aider, claude…): they print {tool, argv, keys} as JSON. */
export const FIXTURES = join(ROOT, "fixtures", "tools");

const KEYLIKE = /(_API_KEY|_TOKEN|_KEY)$/;

/**
 * An environment with the fixture tools first on PATH and node next (the fixtures run on it),
 * and no key-like variable (nor FORCE_COLOR) inherited from the developer's shell.
 */
export function toolEnv(extra: NodeJS.ProcessEnv = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!KEYLIKE.test(k) && !k.startsWith("FIXTURE_") && k !== "FORCE_COLOR") env[k] = v;
  env.PATH = [FIXTURES, dirname(process.execPath), base.PATH ?? ""].join(":");
  return { ...env, ...extra };
}

/** The same environment without the fixtures: no AI tool is installed. */
export function bareEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...toolEnv({}, base), PATH: dirname(process.execPath) };
}

export const sha = (value: string): string => createHash("sha256").update(value).digest("hex");

export interface FixtureReport {
  tool: string;
  argv: string[];
  keys: Record<string, string>;
}

/** The fixture's JSON line from a run's stdout. */
export function report(stdout: string): FixtureReport {
  const line = stdout.split("\n").find((l) => l.startsWith("{"));
  if (!line) throw new Error(`no fixture report in: ${JSON.stringify(stdout)}`);
  return JSON.parse(line) as FixtureReport;
}

/** Writes the global config into a sandbox's AIM_CONFIG_DIR. */
export function writeGlobalConfig(env: NodeJS.ProcessEnv, name: string, body: string): string {
  const dir = env.AIM_CONFIG_DIR as string;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), body);
  return join(dir, name);
}

/** A sandbox whose every aim run sees the fixture tools first on PATH and no inherited key. */
export function toolSandbox(extra: NodeJS.ProcessEnv = {}) {
  const s = sandbox();
  const clean = toolEnv(extra, s.env);
  for (const k of Object.keys(s.env)) delete s.env[k];
  Object.assign(s.env, clean);
  return s;
}
