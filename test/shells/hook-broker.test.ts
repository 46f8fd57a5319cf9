// The shell hook with broker: true, in real bash, zsh and fish through tmux:
// entering exports a placeholder and the proxy and CA variables, curl through
// that proxy reaches a loopback TLS "api.openai.com" (its own CA, routed with
// AIM_BROKER_CONNECT_TO) with the real key; leaving unsets them and puts the CA variables
// back; the per-user broker stops once idle; aim broker stop works whether or not one
// runs; and under strace no value is in any file write or any argv.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, filesContaining, jsonOf, sandbox, succeeds } from "../helpers/cli.js";
import { aimOnPath, DIALECT, HOOK_SHELLS, type HookShell, withShell } from "../helpers/hook-shells.js";
import { type Seen, startLoopbackApi } from "../helpers/loopback.js";
import { layout } from "../helpers/project.js";
import { makeTestCa } from "../helpers/test-ca.js";
import { requireTool } from "../helpers/tools.js";

const VALUE = "sk-proj-hookbroker-REAL-7c1e9a";
const BEFORE_SSL = "/etc/ssl/certs/ca-certificates.crt";
const BEFORE_KEY = "before-openai";
const BEFORE_NODE_OPTIONS = "--max-old-space-size=300";

/** A sandbox with the key stored, a trusted brokered project, a TLS upstream and the env that routes to it. */
async function world() {
  const sb = sandbox();
  const run = join(sb.dir, "run");
  mkdirSync(run, { mode: 0o700 });
  const ca = makeTestCa(sb.dir, ["api.openai.com"]);
  const upstream = await startLoopbackApi("x", {
    tls: { key: ca.key, cert: ca.cert },
    handle: (_seen, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("upstream-ok");
      return true;
    },
  });
  Object.assign(sb.env, {
    XDG_RUNTIME_DIR: run,
    AIM_BROKER_IDLE: "1s",
    AIM_BROKER_CONNECT_TO: `api.openai.com:443:127.0.0.1:${upstream.port}`,
    // aim's own trust of the upstream, as a company root would be; the hook must give it back on leaving.
    NODE_EXTRA_CA_CERTS: ca.caFile,
    SSL_CERT_FILE: BEFORE_SSL,
    OPENAI_API_KEY: BEFORE_KEY,
    NODE_OPTIONS: BEFORE_NODE_OPTIONS,
    CURL_CA_BUNDLE: undefined,
    HTTPS_PROXY: undefined,
    https_proxy: undefined,
    HTTP_PROXY: undefined,
    http_proxy: undefined,
    NODE_USE_ENV_PROXY: undefined,
    REQUESTS_CA_BUNDLE: undefined,
    GIT_SSL_CAINFO: undefined,
    CODEX_CA_CERTIFICATE: undefined,
  });
  succeeds(sb.aim(["secrets", "set", "OPENAI_API_KEY"], { input: VALUE }));
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": "keys: [OPENAI_API_KEY]\nbroker: true\n" });
  succeeds(sb.aim(["allow"], { cwd: proj }));
  return { sb, run, ca, upstream, proj, brokerDir: join(run, "aim", "broker") };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits for `pred`, polling; fails after `ms` with `what`. */
async function until(pred: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The pids of aim __broker processes whose XDG_RUNTIME_DIR is `run`. */
function brokersOf(run: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (!argv.includes("__broker")) continue;
      if (readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(`XDG_RUNTIME_DIR=${run}`)) out.push(Number(name));
    } catch {}
  }
  return out;
}

const PROXY_VARS = ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "NODE_USE_ENV_PROXY"];

// curl as a person would type it, reading the key from the environment; the status code to a file.
const CURL: Record<HookShell, (out: string) => string> = {
  bash: (out) =>
    `curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models > ${DIALECT.bash.quote(out)}`,
  zsh: (out) =>
    `curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models > ${DIALECT.zsh.quote(out)}`,
  fish: (out) =>
    `curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models > ${DIALECT.fish.quote(out)}`,
};

const hook = suite("the hook with broker: true in interactive shells (tmux)");
for (const shell of HOOK_SHELLS) {
  hook(
    `${shell}: cd in exports a placeholder and the proxy, curl delivers the real key, cd out restores, the broker stops when idle`,
    async () => {
      requireTool("curl");
      const { sb, ca, upstream, brokerDir } = await world();
      try {
        await withShell(shell, sb, { cwd: join(sb.dir, "work") }, async (sh) => {
          await sh.run("cd proj");
          const placeholder = await sh.value("OPENAI_API_KEY");
          assert.match(placeholder, /^sk-proj-[A-Za-z0-9]{20,}$/, "a placeholder with the key's prefix");
          assert.is.not(placeholder, VALUE);
          assert.not.ok(placeholder.includes(VALUE.slice(8)), "nothing of the value");
          assert.is(sh.term.count("aim: +OPENAI_API_KEY +broker\n"), 1, "one status line; the proxy and CA variables as one word");
          const proxy = await sh.value("HTTPS_PROXY");
          assert.match(proxy, /^http:\/\/[^:@]+:[^@]+@127\.0\.0\.1:\d+$/, "per-session credentials in the proxy URL");
          for (const v of ["HTTP_PROXY", "https_proxy", "http_proxy"]) assert.is(await sh.value(v), proxy, v);
          assert.is(await sh.value("NODE_USE_ENV_PROXY"), "1");
          // Node 22's "EnvHttpProxyAgent is experimental" warning off; the user's options kept.
          assert.is(await sh.value("NODE_OPTIONS"), `${BEFORE_NODE_OPTIONS} --disable-warning=UNDICI-EHPA`);
          const caFile = await sh.value("NODE_EXTRA_CA_CERTS");
          assert.ok(caFile.startsWith(`${brokerDir}/`), `the session CA lives in the broker's folder: ${caFile}`);
          const bundle = await sh.value("CURL_CA_BUNDLE");
          for (const v of ["SSL_CERT_FILE", "CODEX_CA_CERTIFICATE", "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO"])
            assert.is(await sh.value(v), bundle, v);
          assert.ok(readFileSync(bundle, "utf8").includes(readFileSync(caFile, "utf8").trim()), "the bundle holds the session CA");
          // Idle prompts in the brokered project start no aim process (aim touches the marker at each run).
          const stamp = sh.markerStamp();
          await sh.run("");
          await sh.run("");
          assert.is(sh.markerStamp(), stamp, "an idle prompt runs no aim");
          const state = await sh.value("__aim_state");
          assert.not.ok(state.includes(VALUE) || state.includes(placeholder) || state.includes(proxy), "the state holds names only");

          // curl through the exported proxy: the upstream sees the real key, curl only ever held the placeholder.
          const out = join(sb.dir, `curl-${shell}`);
          await sh.run(CURL[shell](out));
          assert.is(readFileSync(out, "utf8"), "200", sh.term.screen());
          const got = upstream.seen.at(-1) as Seen;
          assert.is(got.headers.authorization, `Bearer ${VALUE}`, "the upstream got the stored key");
          assert.is(got.headers.host, "api.openai.com");

          const logged = sb.aim(["broker", "log", "--json"]);
          assert.is(logged.code, 0, logged.stderr);
          const entry = JSON.parse(logged.stdout.trim().split("\n").at(-1) as string);
          assert.equal(
            [entry.key, entry.host, entry.method, entry.path, entry.action],
            ["OPENAI_API_KEY", "api.openai.com", "GET", "/v1/models", "injected"],
          );
          assert.not.ok(logged.stdout.includes(VALUE) || logged.stdout.includes(placeholder));
          const st = jsonOf(sb.aim(["broker", "status", "--json"]));
          assert.is(st.running, true);
          assert.equal(
            st.sessions.map((s: { keys: string[] }) => s.keys),
            [["OPENAI_API_KEY"]],
          );
          const pid = st.pid as number;
          assert.ok(alive(pid));
          assert.not.ok(JSON.stringify(st).includes(VALUE));

          // A reload in the project keeps the same placeholder (programs started from this shell keep working).
          await sh.run("aim reload");
          assert.is(await sh.value("OPENAI_API_KEY"), placeholder, "same placeholder after a reload");

          // Leaving: placeholder and proxy gone, the CA variables and the key back to what they were.
          await sh.run("cd ..");
          assert.is(await sh.value("OPENAI_API_KEY"), BEFORE_KEY);
          assert.is(sh.term.count("aim: -OPENAI_API_KEY -broker\n"), 1, "the status line on leaving");
          for (const v of PROXY_VARS) assert.is(await sh.value(v), "<unset>", `${v} after leaving`);
          assert.is(await sh.value("NODE_EXTRA_CA_CERTS"), ca.caFile, "NODE_EXTRA_CA_CERTS restored");
          assert.is(await sh.value("NODE_OPTIONS"), BEFORE_NODE_OPTIONS, "NODE_OPTIONS restored");
          assert.is(await sh.value("SSL_CERT_FILE"), BEFORE_SSL, "SSL_CERT_FILE restored");
          for (const v of ["CODEX_CA_CERTIFICATE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO"])
            assert.is(await sh.value(v), "<unset>", `${v} after leaving`);
          assert.is(await sh.value("__aim_state"), "<unset>");

          // The session ended with the cd: its placeholder gets nothing now.
          const r = spawnSync(
            "curl",
            [
              "-sS",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              "--proxy",
              proxy,
              "--cacert",
              bundle,
              "-H",
              `Authorization: Bearer ${placeholder}`,
              "https://api.openai.com/v1/models",
            ],
            { encoding: "utf8" },
          );
          assert.is.not(r.stdout, "200", "an ended session's credentials and placeholder get nothing");
          assert.is(upstream.seen.length, 1, "nothing more reached the upstream");

          // No session left: the broker stops after its idle time, and its folder is empty.
          await until(() => !alive(pid), `the broker (pid ${pid}) to stop after AIM_BROKER_IDLE=1s`);
          assert.equal(readdirSync(brokerDir), [], "no socket, state or session folder left");
          expectRun(sb.aim(["broker", "status"]), { code: 1, stdout: "", stderr: /no per-user broker runs/ });
        });
        assert.equal(filesContaining(sb.dir, VALUE), [], "the value is in no file in the sandbox");
      } finally {
        await upstream.close();
      }
    },
  );
}
hook.run();

const stop = suite("aim broker stop");
stop("stops a running broker (its placeholders die with it), and exits 0 when none runs", async () => {
  const { sb, upstream, proj } = await world();
  try {
    sb.env.AIM_BROKER_IDLE = "1h";
    await withShell("bash", sb, { cwd: proj }, async (sh) => {
      await sh.run("cd .");
      assert.match(await sh.value("OPENAI_API_KEY"), /^sk-proj-/);
      const pid = jsonOf(sb.aim(["broker", "status", "--json"])).pid as number;
      const r = sb.aim(["broker", "stop"]);
      expectRun(r, { code: 0, stdout: "", stderr: `aim: stopped the per-user broker (pid ${pid}); its placeholders no longer work\n` });
      assert.not.ok(alive(pid));
      expectRun(sb.aim(["broker", "stop"]), { code: 0, stdout: "", stderr: "aim: no per-user broker was running; nothing to do\n" });
      expectRun(sb.aim(["broker", "status", "--json"]), { code: 1, stdout: /"running": false/, stderr: "" });
      // aim reload starts a new one for this shell, with a new placeholder.
      await sh.run("aim reload");
      const again = jsonOf(sb.aim(["broker", "status", "--json"]));
      assert.is.not(again.pid, pid);
      assert.is(again.sessions.length, 1);
    });
  } finally {
    sb.aim(["broker", "stop"]);
    await upstream.close();
  }
});
stop("a broker killed with SIGKILL: status and stop say none runs, and the next one clears what it left", async () => {
  const { sb, upstream, proj, brokerDir } = await world();
  try {
    sb.env.AIM_BROKER_IDLE = "1h";
    await withShell("bash", sb, { cwd: proj }, async (sh) => {
      await sh.run("cd .");
      const pid = jsonOf(sb.aim(["broker", "status", "--json"])).pid as number;
      process.kill(pid, "SIGKILL");
      await until(() => !alive(pid), "the broker to die");
      const left = readdirSync(brokerDir);
      assert.ok(left.includes("control.sock") && left.some((n) => n.startsWith("aim-broker-")), left.join(" "));
      expectRun(sb.aim(["broker", "status"]), { code: 1, stdout: "", stderr: /no per-user broker runs/ });
      expectRun(sb.aim(["broker", "stop"]), { code: 0, stdout: "", stderr: "aim: no per-user broker was running; nothing to do\n" });
      await sh.run("aim reload");
      const again = jsonOf(sb.aim(["broker", "status", "--json"]));
      assert.is.not(again.pid, pid);
      assert.is(readdirSync(brokerDir).filter((n) => n.startsWith("aim-broker-")).length, 1, "the dead broker's session folder is gone");
    });
  } finally {
    sb.aim(["broker", "stop"]);
    await upstream.close();
  }
});
stop.run();

const global = suite("broker: true in the global config");
global("brokers every project's bound keys, and hook-env outside it ends the session", async () => {
  const { sb, upstream, proj } = await world();
  try {
    sb.env.AIM_BROKER_IDLE = "1h";
    layout(sb.env.AIM_CONFIG_DIR as string, { "config.yaml": "broker: true\n" });
    layout(proj, { ".aimrc": "keys: [OPENAI_API_KEY]\n" });
    succeeds(sb.aim(["allow"], { cwd: proj }));
    // This test process stands in for the shell: its pid names the session.
    const entered = sb.aim(["hook-env", "bash", String(process.pid), proj], { env: { OPENAI_API_KEY: undefined } });
    assert.is(entered.code, 0, entered.stderr);
    assert.match(entered.stdout, /export OPENAI_API_KEY='sk-proj-[A-Za-z0-9]+';/);
    assert.match(entered.stdout, /export HTTPS_PROXY='http:\/\/[^']+@127\.0\.0\.1:\d+';/);
    assert.not.ok(entered.stdout.includes(VALUE));
    assert.is(jsonOf(sb.aim(["broker", "status", "--json"])).sessions.length, 1);
    const state = /export __aim_state='([^']*)'/.exec(entered.stdout)?.[1] as string;
    const left = sb.aim(["hook-env", "bash", String(process.pid), sb.dir], { env: { __aim_state: state } });
    assert.is(left.code, 0, left.stderr);
    assert.match(left.stdout, /else unset HTTPS_PROXY; fi;/);
    assert.is(jsonOf(sb.aim(["broker", "status", "--json"])).sessions.length, 0, "leaving ended the session");
  } finally {
    sb.aim(["broker", "stop"]);
    await upstream.close();
  }
});
global.run();

const race = suite("one per-user broker");
race("two shells entering at once start one broker", async () => {
  const { sb, upstream, proj, run } = await world();
  const shells: ChildProcess[] = [];
  try {
    sb.env.AIM_BROKER_IDLE = "1h";
    const cmd = `eval "$('${process.execPath}' '${AIM}' hook bash)"; cd '${proj}'; __aim_hook; printf '%s\n' "$OPENAI_API_KEY"`;
    const starts = [0, 1, 2].map(
      () =>
        new Promise<string>((resolve) => {
          const child = spawn("bash", ["--norc", "--noprofile", "-c", `${cmd}; read -r _`], {
            env: sb.env,
            stdio: ["pipe", "pipe", "ignore"],
          });
          shells.push(child);
          child.stdout?.setEncoding("utf8");
          let out = "";
          child.stdout?.on("data", (d) => {
            out += d;
            if (out.includes("\n")) resolve(out.trim()); // the value each shell got, whatever it is
          });
        }),
    );
    const placeholders = await Promise.all(starts);
    for (const p of placeholders) assert.match(p, /^sk-proj-[A-Za-z0-9]+$/, "each shell got a placeholder");
    assert.is(new Set(placeholders).size, 3, "one session per shell");
    const st = jsonOf(sb.aim(["broker", "status", "--json"]));
    assert.is(st.sessions.length, 3, "all three shells in one broker");
    assert.equal(brokersOf(run), [st.pid], "exactly one broker process");
  } finally {
    for (const c of shells) c.kill();
    sb.aim(["broker", "stop"]);
    await upstream.close();
  }
});
race.run();

const hygiene = suite("the brokered hook under strace");
hygiene("the value travels only over the broker's unix socket: no file write, no argv, nothing on the hook's stdout", async () => {
  requireTool("strace");
  requireTool("curl");
  const { sb, upstream, proj } = await world();
  try {
    const env = { ...sb.env, PATH: `${aimOnPath(sb)}:${process.env.PATH}` };
    const out = join(sb.dir, "code");
    const script = `eval "$(aim hook bash)"; cd '${proj}'; __aim_hook; curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models > '${out}'; cd ..; __aim_hook; aim broker stop`;
    const log = join(sb.dir, "strace.log");
    // Asynchronously: the upstream answers from this process. The shell's stdout and stderr
    // are files, so a value printed there would count as a file write.
    const outFd = openSync(join(sb.dir, "shell-output"), "w");
    const child = spawn(
      "strace",
      [
        "-f",
        "-yy",
        "-s",
        "65536",
        "-e",
        "trace=execve,write,pwrite64,writev,sendto,sendmsg",
        "-o",
        log,
        "bash",
        "--norc",
        "--noprofile",
        "-c",
        script,
      ],
      { env, cwd: sb.dir, stdio: ["ignore", outFd, outFd] },
    );
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    closeSync(outFd);
    assert.is(code, 0, readFileSync(join(sb.dir, "shell-output"), "utf8"));
    assert.is(readFileSync(out, "utf8"), "200");
    assert.is((upstream.seen.at(-1) as Seen).headers.authorization, `Bearer ${VALUE}`);
    const lines = readFileSync(log, "utf8").split("\n");
    assert.ok(
      lines.some((l) => l.includes("execve(") && l.includes('"__broker"')),
      "strace followed the per-user broker too",
    );
    const carrying = lines.filter((l) => l.includes(VALUE));
    // The scan can see the value: hook-env hands it to the broker over the control socket.
    assert.ok(
      carrying.some((l) => /\b(write|writev|sendto|sendmsg)\(\d+<UNIX-STREAM:/.test(l)),
      "the value seen on its way to the broker",
    );
    const elsewhere = carrying.filter((l) => !/\b(write|writev|sendto|sendmsg)\(\d+<UNIX-STREAM:/.test(l));
    assert.equal(elsewhere, [], "the value only ever goes over a unix socket: no file, pipe, argv or TCP write");
    assert.equal(
      filesContaining(sb.dir, VALUE).filter((f) => f !== log),
      [],
      "and is in no file (but strace's own log)",
    );
  } finally {
    await upstream.close();
  }
});
hygiene.run();
