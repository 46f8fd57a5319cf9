// pass as an attacker or a broken machine meets it: a reference to
// a folder, a pass that never answers, and a pass (or gpg) planted in a relative PATH entry.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { passStore } from "../../helpers/pass.js";
import { layout } from "../../helpers/project.js";

const VALUE = "sk-pass-hard-5e11aa";
const PRINT = ["sh", "-c", 'printf %s "$OPENAI_API_KEY"'];
const store = passStore();
store.insert("work/openai", VALUE);

function project(aimrc: string, extra: NodeJS.ProcessEnv = {}) {
  const sb = sandbox({ ...store.vars, ...extra });
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": aimrc });
  succeeds(sb.aim(["allow"], { cwd: proj }));
  return { ...sb, proj };
}

/** An executable script at `dir/name`. */
function script(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const folder = suite("pass: a reference to a folder (item 8)");
folder("pass:work, where work is a folder, is refused; nothing reaches the command", () => {
  const { aim, proj } = project("keys:\n  - OPENAI_API_KEY: pass:work\n");
  expectRun(aim(["exec", "--", ...PRINT], { cwd: proj }), {
    code: 125,
    stdout: "",
    stderr: "aim: pass:work is a folder of the password store, not an entry. Name an entry in it (see them with: pass ls work)\n",
  });
  expectRun(aim(["secrets", "get", "pass:work", "--show"], { cwd: proj }), {
    code: 1,
    stdout: "",
    stderr: "aim: pass:work is a folder of the password store, not an entry. Name an entry in it (see them with: pass ls work)\n",
  });
});

const hung = suite("pass: a pass that never answers (item 9)");
hung("aim exec gives up after AIM_PASS_TIMEOUT seconds with a message, and stops pass", () => {
  const { dir } = sandbox();
  const pidFile = join(dir, "pass.pid");
  const bin = join(dir, "hung-bin");
  script(bin, "pass", `echo $$ > '${pidFile}'; exec sleep 1000`);
  const { env, proj } = project("keys:\n  - OPENAI_API_KEY: pass:work/openai\n", {
    PATH: `${bin}:${process.env.PATH}`,
    AIM_PASS_TIMEOUT: "1",
  });
  const t0 = Date.now();
  // Killed after 20 s: a hang fails the test instead of stopping the run.
  const ran = spawnSync(process.execPath, [AIM, "exec", "--", ...PRINT], {
    cwd: proj,
    env,
    encoding: "utf8",
    timeout: 20_000,
    killSignal: "SIGKILL",
  });
  const r = { code: ran.status, signal: ran.signal, stdout: ran.stdout, stderr: ran.stderr };
  const took = Date.now() - t0;
  expectRun(r, {
    code: 125,
    stdout: "",
    stderr:
      "aim: pass did not answer pass:work/openai within 1 s (a smartcard waiting for a touch, a hung mount?), so aim stopped it. Check it with: pass show work/openai >/dev/null; AIM_PASS_TIMEOUT sets the seconds aim waits\n",
  });
  assert.ok(took < 8000, `took ${took} ms`);
  const pid = Number(readFileSync(pidFile, "utf8"));
  assert.not.ok(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "), "the hung pass was stopped");
});

const relative = suite("pass: never a helper from a relative PATH entry (item 10)");
relative("a clone's own pass and gpg, reached through PATH=./bin:…, never run: not by doctor, not by exec", () => {
  const { aim, proj } = project("keys:\n  - OPENAI_API_KEY: pass:work/openai\n");
  const marker = join(proj, "ran");
  for (const name of ["pass", "gpg", "gpg-connect-agent"]) script(join(proj, "bin"), name, `echo ${name} >> '${marker}'; exit 1`);
  const env = { PATH: `./bin::${process.env.PATH}` };
  const d = aim(["doctor"], { cwd: proj, env });
  assert.match(d.stdout, /pass works/, d.stdout + d.stderr);
  expectRun(aim(["exec", "--", ...PRINT], { cwd: proj, env }), { code: 0, stdout: VALUE, stderr: "" });
  assert.not.ok(existsSync(marker), `ran: ${existsSync(marker) ? readFileSync(marker, "utf8") : ""}`);
});

folder.run();
hung.run();
relative.run();
