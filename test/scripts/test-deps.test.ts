// @unit
// scripts/test-deps.mjs, which `npm test` runs first: as root it installs what the suites
// lack; anyone else gets the exact install command and the run stops at once, never waiting.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { missingPackages, osKind, PACKAGES, plan } from "../../scripts/test-deps.mjs";
import { ROOT } from "../helpers/cli.js";

const SCRIPT = join(ROOT, "scripts", "test-deps.mjs");

const pure = suite("test-deps: what to do about missing packages");
pure("nothing missing: nothing to do", () => {
  assert.equal(plan({ missing: [], os: "debian", root: false, sudo: false }), { action: "none" });
});
pure("root on Debian: apt-get update, then install exactly the missing ones, no prompt", () => {
  assert.equal(plan({ missing: ["tmux", "zsh"], os: "debian", root: true, sudo: false }), {
    action: "install",
    commands: [
      ["apt-get", "update", "-qq"],
      ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "tmux", "zsh"],
    ],
  });
});
pure("password-less sudo: the same through sudo -n (which never asks)", () => {
  const p = plan({ missing: ["tmux"], os: "debian", root: false, sudo: true });
  assert.equal(p.commands?.[1]?.slice(0, 3), ["sudo", "-n", "apt-get"]);
});
pure("anyone else on Debian: stop with the exact command", () => {
  assert.equal(plan({ missing: ["tmux", "zsh"], os: "debian", root: false, sudo: false }), {
    action: "stop",
    command: "sudo apt-get install -y --no-install-recommends tmux zsh",
  });
});
pure("macOS: stop, pointing at the unit pass; another Linux: the tools and the Debian names", () => {
  assert.is(plan({ missing: ["tmux"], os: "macos", root: true, sudo: false }).command, "node test/run.mjs --backend unit");
  const other = plan({ missing: ["gnome-keyring"], os: "linux", root: true, sudo: false });
  assert.is(other.action, "stop");
  assert.match(other.command ?? "", /gnome-keyring-daemon/);
  assert.match(other.why ?? "", /apt-get install -y --no-install-recommends gnome-keyring/);
});
pure("osKind reads ID and ID_LIKE", () => {
  assert.is(osKind("linux", { ID: "ubuntu" }), "debian");
  assert.is(osKind("linux", { ID: "linuxmint", ID_LIKE: "ubuntu debian" }), "debian");
  assert.is(osKind("linux", { ID: "fedora" }), "linux");
  assert.is(osKind("darwin", {}), "macos");
});
pure("missingPackages judges by the tools on PATH", () => {
  const all = Object.entries(PACKAGES)
    .filter(([, probe]) => !probe.startsWith("/"))
    .map(([p]) => p);
  const empty = mkdtempSync(join(tmpdir(), "aim-t-"));
  assert.equal(
    missingPackages(empty).filter((p: string) => all.includes(p)),
    all,
  );
});
pure.run();

const real = suite("test-deps as a user without root and a PATH without the tools");
real("stops at once with the exact install command, installs nothing, never reads stdin", () => {
  const dir = mkdtempSync(join(tmpdir(), "aim-t-"));
  chmodSync(dir, 0o755);
  const bin = join(dir, "bin");
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, "node"));
  const cache = join(dir, "cache");
  const env = { PATH: bin, HOME: dir, AIM_TEST_CACHE: cache, LANG: "C" };
  // As root, drop to nobody (setpriv, util-linux); elsewhere the runner already is no root.
  const asRoot = process.getuid?.() === 0;
  const argv = asRoot
    ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, SCRIPT]
    : [process.execPath, SCRIPT];
  if (asRoot) assert.ok(existsSync("/usr/bin/setpriv"), "setpriv (util-linux) is missing: it runs the script as nobody");
  const started = Date.now();
  // stdin is a pipe that stays open: a prompt would wait on it until the timeout.
  const r = spawnSync(argv[0] as string, argv.slice(1), { env, encoding: "utf8", timeout: 60_000, stdio: ["pipe", "pipe", "pipe"] });
  assert.is(r.error, undefined);
  assert.is(r.signal, null, `killed by the timeout: it waited for something\n${r.stderr}`);
  assert.is(r.status, 1, r.stderr);
  assert.is(r.stdout, "");
  const missing = Object.entries(PACKAGES)
    .filter(([, probe]) => !probe.startsWith("/") || !existsSync(probe))
    .map(([p]) => p);
  const want =
    osKind() === "debian"
      ? `  sudo apt-get install -y --no-install-recommends ${missing.join(" ")}\n`
      : /install it, then run npm test again:\n {2}\S/;
  if (typeof want === "string") assert.ok(r.stderr.endsWith(want), r.stderr);
  else assert.match(r.stderr, want);
  assert.match(r.stderr, /^test: missing what the suites need: .*gnome-keyring/m);
  assert.not.ok(existsSync(cache), "nothing may be installed");
  assert.ok(Date.now() - started < 30_000);
});
real.run();
