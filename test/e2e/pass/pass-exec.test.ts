// pass: references where they are used: a trusted .aimrc under aim exec and under the bash
// hook (typed into through tmux), the global config behind --keys, and strace over all of
// it, pass and gpg included.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, filesContaining, sandbox, succeeds } from "../../helpers/cli.js";
import { writeGlobalConfig } from "../../helpers/fixture-tools.js";
import { withShell } from "../../helpers/hook-shells.js";
import { passStore } from "../../helpers/pass.js";
import { layout } from "../../helpers/project.js";
import { requireTool } from "../../helpers/tools.js";

const VALUE = "sk-pass-exec-SENTINEL-a71c03";
const PRINT = ["sh", "-c", 'printf %s "$OPENAI_API_KEY"'];
const AIMRC = "keys:\n  - OPENAI_API_KEY: pass:work/openai\n";

// GPG key generation is slow: one store for the file.
const store = passStore();
store.insert("work/openai", VALUE);

function project(aimrc = AIMRC) {
  const sb = sandbox(store.vars);
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": aimrc });
  succeeds(sb.aim(["allow"], { cwd: proj }));
  return { ...sb, proj };
}

const exec = suite("pass: through aim exec");
exec("a trusted .aimrc hands the first line of pass show to the command", () => {
  const { aim, proj } = project();
  expectRun(aim(["exec", "--", ...PRINT], { cwd: proj }), { code: 0, stdout: VALUE, stderr: "" });
  const status = aim(["status", "--json"], { cwd: proj });
  assert.is(status.code, 0, status.stderr);
  assert.not.match(status.stdout, VALUE);
  const missing = project("keys:\n  - OPENAI_API_KEY: pass:work/nothing\n");
  expectRun(missing.aim(["exec", "--", ...PRINT], { cwd: missing.proj }), {
    code: 125,
    stdout: "",
    stderr: /^aim: missing OPENAI_API_KEY <- pass:work\/nothing \(required by .*\.aimrc\)\. Add it with: pass insert work\/nothing\n$/,
  });
});

exec("--keys NAME takes the global config's pass: reference; --keys pass:PATH alone names no variable", () => {
  const { aim, env, dir } = sandbox(store.vars);
  writeGlobalConfig(env, "config.yaml", "optional:\n  - OPENAI_API_KEY: pass:work/openai\n");
  expectRun(aim(["exec", "--keys", "OPENAI_API_KEY", "--", ...PRINT], { cwd: dir }), { code: 0, stdout: VALUE, stderr: "" });
  expectRun(aim(["exec", "--keys", "pass:work/openai", "--", ...PRINT], { cwd: dir }), {
    code: 125,
    stdout: "",
    stderr: "aim: pass:work/openai names no variable. Map it in the .aimrc: keys: [{ VARIABLE: pass:work/openai }]\n",
  });
});

exec("every failure of pass under exec is 125 (and 1 for secrets get), with one aim line", () => {
  const { aim, proj } = project();
  const other = passStore({ keys: ["dave"] });
  try {
    const cases: Array<[string, NodeJS.ProcessEnv, string]> = [
      [
        "no pass",
        { PATH: "/nonexistent" },
        "aim: pass is not installed (needed for pass: references). Install it: apt install pass (brew install pass)\n",
      ],
      [
        "not a recipient",
        { GNUPGHOME: other.env.GNUPGHOME },
        "aim: pass:work/openai is not encrypted to a GPG key of yours. Ask whoever shares the store to add your key: pass init -p <folder> <ids…>\n",
      ],
    ];
    for (const [what, env, stderr] of cases) {
      expectRun(aim(["exec", "--", ...PRINT], { cwd: proj, env }), { code: 125, stdout: "", stderr }, `exec, ${what}`);
      expectRun(aim(["secrets", "get", "pass:work/openai", "--show"], { env }), { code: 1, stdout: "", stderr }, `get, ${what}`);
    }
  } finally {
    other.stop();
  }
});

/** Lines of an strace -y log that carry the value on an argv or in a write to a file (not a pipe or socket). */
const leaks = (log: string) =>
  log.split("\n").filter((l) => l.includes(VALUE) && (/\bexecve\(/.test(l) || /\b(write|pwrite64|writev)\(\d+<\//.test(l)));

exec("strace -f: the value is on no argv (aim, pass, gpg) and in no write to a file", () => {
  requireTool("strace");
  const { proj, env, dir } = project();
  const log = join(dir, "strace.log");
  const trace = ["-f", "-y", "-s", "65536", "-e", "trace=execve,write,pwrite64,writev", "-o", log];
  const r = spawnSync("strace", [...trace, process.execPath, AIM, "exec", "--", "sh", "-c", '[ -n "$OPENAI_API_KEY" ]'], {
    cwd: proj,
    env,
    encoding: "utf8",
  });
  assert.is(r.status, 0, r.stderr);
  const text = readFileSync(log, "utf8");
  assert.match(text, /execve\("[^"]*\/pass", \["pass", "show", "work\/openai"\]/, "strace saw aim start pass");
  assert.match(text, /execve\("[^"]*\/gpg2?", \[[^\]]*"-d"/, "strace saw pass start gpg");
  // The scan can see the value: gpg hands it to pass, and pass to aim, through pipes.
  assert.match(text, new RegExp(`write\\(1<pipe:\\[\\d+\\]>, "${VALUE}`), "the value's way through pipes is in the log");
  assert.equal(leaks(text), []);
  assert.equal(
    filesContaining(dir, VALUE).filter((f) => f !== log),
    [],
  );
  assert.equal(filesContaining(store.dir, VALUE), []);
});
exec.run();

const hook = suite("pass: through the bash hook (tmux)");
hook("cd in exports the value, cd out unsets it; no argv the shell starts holds it", async () => {
  const { proj, dir, ...sb } = project();
  await withShell("bash", { dir, ...sb }, { cwd: join(dir, "work"), trace: true }, async (sh) => {
    assert.is(await sh.value("OPENAI_API_KEY"), "<unset>");
    await sh.run("cd proj");
    assert.is(await sh.value("OPENAI_API_KEY"), VALUE, "entering the project exports the pass: value");
    assert.is(sh.term.count("aim: +OPENAI_API_KEY"), 1);
    await sh.run("cd ..");
    assert.is(await sh.value("OPENAI_API_KEY"), "<unset>", "leaving unsets it");
    assert.is(sh.term.count("aim: -OPENAI_API_KEY"), 1);
    assert.ok(sh.aimStarts() >= 2, "strace followed the hook's aim for each cd");
    const log = readFileSync(join(dir, "out-bash", "strace"), "utf8");
    assert.match(log, /execve\("[^"]*\/pass", \["pass", "show", "work\/openai"\]/, "strace saw the hook's aim start pass");
    assert.equal(
      log.split("\n").filter((l) => l.includes(VALUE)),
      [],
    );
  });
  // The shell's own dumps (out-bash/v*) hold it, as the test asked them to; nothing aim wrote does.
  assert.equal(
    filesContaining(dir, VALUE).filter((f) => !f.includes(`${join(dir, "out-bash")}/v`)),
    [],
  );
});

hook("a locked key with GPG_TTY exported: one aim line, no pinentry on the prompt, nothing exported", async () => {
  const locked = passStore({ passphrase: "correct horse 7" });
  try {
    locked.insert("work/openai", VALUE);
    locked.stop();
    const sb = sandbox(locked.vars);
    succeeds(sb.aim(["secrets", "set", "AIM_T_PLAIN"], { input: "plain-value" }));
    layout(join(sb.dir, "work", "proj"), { ".aimrc": `${AIMRC}  - AIM_T_PLAIN\n` });
    succeeds(sb.aim(["allow"], { cwd: join(sb.dir, "work", "proj") }));
    await withShell("bash", sb, { cwd: join(sb.dir, "work") }, async (sh) => {
      // What gpg's manual tells every user to put in their rc file: a pinentry could ask on this terminal.
      await sh.run('export GPG_TTY="$(tty)"');
      await sh.run("cd proj");
      assert.equal([await sh.value("OPENAI_API_KEY"), await sh.value("AIM_T_PLAIN")], ["<unset>", "<unset>"], "nothing half-loaded");
      const line =
        "aim: gpg could not unlock your key for pass:work/openai without asking for its passphrase. Unlock it once in a terminal: pass show work/openai >/dev/null (gpg-agent then keeps it unlocked), or use a key without a passphrase for CI";
      assert.is(sh.term.count(line), 1, "one aim line with the fix");
      assert.is(sh.term.count("aim: "), 1, "and no other");
      await sh.run("sh -c 'exit 4'");
      assert.is(await sh.lastStatus(), "4", "the shell goes on");
      // The fix works: with the key unlocked, the next reload loads both.
      locked.unlock("work/openai");
      await sh.run("aim reload");
      assert.equal([await sh.value("OPENAI_API_KEY"), await sh.value("AIM_T_PLAIN")], [VALUE, "plain-value"]);
    });
  } finally {
    locked.stop();
  }
});
hook.after(() => {
  store.stop();
});
hook.run();
