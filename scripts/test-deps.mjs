#!/usr/bin/env node
// What the test suites need besides node_modules, checked (and, where allowed, installed)
// before `npm test` runs them:
//   - Debian packages: a real keyring (gnome-keyring, dbus), the shells, tmux, strace, age,
//     pass, … Installed with apt-get as root or with password-less sudo (`sudo -n`); anyone
//     else gets the exact command and the run stops at once.
//   - Node 24 (process.execve) and a Node 20 (no execve) for the exec tests, and with --clis
//     the real AI CLIs (claude, codex, gemini): npm packages installed into a cache folder
//     outside the repository, $AIM_TEST_CACHE or ~/.cache/aim-test, by any user (the folder
//     is theirs; nothing is installed system-wide).
// Never waits for input: apt-get runs non-interactive with stdin closed, sudo only with -n.
// `node scripts/test-deps.mjs [--clis] [--dry-run]`; test/run.mjs imports testPaths().
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Debian package -> what proves it is there (a command on PATH, or an absolute file). @type {Record<string, string>} */
export const PACKAGES = {
  "ca-certificates": "/etc/ssl/certs/ca-certificates.crt",
  git: "git",
  pass: "pass",
  gnupg: "gpg",
  "gnome-keyring": "gnome-keyring-daemon",
  dbus: "dbus-run-session",
  "dbus-x11": "dbus-launch",
  "libsecret-tools": "secret-tool",
  // gdbus: a test locks the Secret Service's collection (keyring-direct.test.ts).
  "libglib2.0-bin": "gdbus",
  zsh: "zsh",
  fish: "fish",
  shellcheck: "shellcheck",
  strace: "strace",
  tmux: "tmux",
  hyperfine: "hyperfine",
  direnv: "direnv",
  age: "age",
  expect: "expect",
  bsdutils: "script",
  xvfb: "Xvfb",
  xsel: "xsel",
  xauth: "xauth",
  "groff-base": "groff",
  "man-db": "man",
  // The broker's tests: an upstream CA made with openssl, and real clients brokered (curl,
  // Python's urllib; git's http-backend comes with git).
  openssl: "openssl",
  curl: "curl",
  python3: "python3",
};

/** The npm packages of the real AI CLIs that `npm run test:clis` drives. */
export const CLI_PACKAGES = ["@anthropic-ai/claude-code", "@openai/codex", "@google/gemini-cli"];

const hasExecve = (node) => spawnSync(node, ["-p", "typeof process.execve"], { encoding: "utf8" }).stdout?.trim() === "function";
const major = (node) => spawnSync(node, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).stdout?.trim();

/** The cache folder, and the Node binaries and CLI folder the suites use (env wins). */
export function testPaths(env = process.env) {
  const cache = env.AIM_TEST_CACHE || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "aim-test");
  const inCache = (v) => join(cache, `node${v}`, "node_modules", "node", "bin", "node");
  const self = process.execPath;
  const selfMajor = process.versions.node.split(".")[0];
  return {
    cache,
    node24: env.AIM_TEST_NODE24 || (selfMajor === "24" ? self : inCache(24)),
    node20: env.AIM_TEST_NODE20 || (typeof process.execve !== "function" ? self : inCache(20)),
    clis: env.AIM_TEST_CLIS || join(cache, "clis"),
  };
}

const onPath = (cmd, path) => path.split(delimiter).some((d) => d && existsSync(join(d, cmd)));

/** Which of PACKAGES are missing, judged by their probe against PATH. */
export function missingPackages(path = process.env.PATH ?? "") {
  return Object.entries(PACKAGES)
    .filter(([, probe]) => (probe.startsWith("/") ? !existsSync(probe) : !onPath(probe, path)))
    .map(([pkg]) => pkg);
}

/** The operating system, as far as the install command depends on it. */
export function osKind(platform = process.platform, osRelease = readOsRelease()) {
  if (platform === "darwin") return "macos";
  if (platform !== "linux") return platform;
  const ids = `${osRelease.ID ?? ""} ${osRelease.ID_LIKE ?? ""}`;
  return /\b(debian|ubuntu)\b/.test(ids) ? "debian" : "linux";
}

function readOsRelease() {
  try {
    return Object.fromEntries(
      readFileSync("/etc/os-release", "utf8")
        .split("\n")
        .map((l) => l.match(/^([A-Z_]+)=("?)(.*)\2$/))
        .filter(Boolean)
        .map((m) => [m[1], m[3]]),
    );
  } catch {
    return {};
  }
}

/**
 * Pure: what to do about the missing packages. `root` (uid 0) and `sudo` (password-less
 * sudo works) decide whether aim installs them or stops with the command.
 * @param {{ missing: string[], os: string, root: boolean, sudo: boolean }} situation
 * @returns {{ action: "none" | "install" | "stop", commands?: string[][], command?: string, why?: string }}
 */
export function plan({ missing, os, root, sudo }) {
  if (missing.length === 0) return { action: "none" };
  const apt = `apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  if (os === "debian" && (root || sudo)) {
    const pre = root ? [] : ["sudo", "-n"];
    return {
      action: "install",
      commands: [
        [...pre, "apt-get", "update", "-qq"],
        [...pre, "apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing],
      ],
    };
  }
  if (os === "debian") return { action: "stop", command: `sudo ${apt}` };
  if (os === "macos")
    return {
      action: "stop",
      command: "node test/run.mjs --backend unit",
      why: "the suites need a Linux keyring (gnome-keyring on D-Bus), tmux, strace and Linux shells: on macOS only the unit pass runs; the full suite runs on Debian or Ubuntu",
    };
  return {
    action: "stop",
    command: `the packages of your distribution that provide: ${missing.map((p) => PACKAGES[p]).join(" ")}`,
    why: `on Debian or Ubuntu these are: ${apt}`,
  };
}

/** npm packages to install into the cache: [folder, spec] pairs for what is missing. */
export function npmPlan(paths, { clis = false } = {}) {
  const out = [];
  const node = (v, path) => {
    if (existsSync(path)) return;
    if (path === join(paths.cache, `node${v}`, "node_modules", "node", "bin", "node"))
      out.push([join(paths.cache, `node${v}`), [`node@${v}`]]);
    else out.push([null, [`Node ${v} at ${path} (set by AIM_TEST_NODE${v}) does not exist`]]);
  };
  node(24, paths.node24);
  node(20, paths.node20);
  if (clis) {
    const bin = join(paths.clis, "node_modules", ".bin");
    const lacking = CLI_PACKAGES.filter((_p, i) => !existsSync(join(bin, ["claude", "codex", "gemini"][i])));
    if (lacking.length > 0) out.push([paths.clis, lacking]);
  }
  return out;
}

function run(argv, say) {
  say(`test: ${argv.join(" ")}`);
  const r = spawnSync(argv[0], argv.slice(1), {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return r.status === 0;
}

export function main(argv = process.argv.slice(2), say = (line) => process.stderr.write(`${line}\n`)) {
  const clis = argv.includes("--clis");
  const dry = argv.includes("--dry-run");
  const root = process.getuid?.() === 0;
  const sudo =
    !root && onPath("sudo", process.env.PATH ?? "") && spawnSync("sudo", ["-n", "true"], { stdio: "ignore", timeout: 10_000 }).status === 0;
  const missing = missingPackages();
  const p = plan({ missing, os: osKind(), root, sudo });
  if (p.action === "stop") {
    say(`test: missing what the suites need: ${missing.join(" ")}`);
    if (p.why) say(`test: ${p.why}`);
    say("test: install it, then run npm test again:");
    say(`  ${p.command}`);
    return 1;
  }
  if (p.action === "install") {
    say(`test: installing the Debian packages the suites need: ${missing.join(" ")}`);
    if (!dry) for (const c of p.commands) if (!run(c, say)) return 1;
  }
  const paths = testPaths();
  for (const [dir, specs] of npmPlan(paths, { clis })) {
    if (dir === null) {
      say(`test: ${specs[0]}; unset it, or point it at a real binary`);
      return 1;
    }
    say(`test: installing ${specs.join(" ")} into ${dir} (outside the repository; AIM_TEST_CACHE moves it)`);
    if (dry) continue;
    if (!run(["npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=error", ...specs], say)) {
      say(`test: npm could not install ${specs.join(" ")}; the suites need it. Fix the network or registry, then run npm test again`);
      return 1;
    }
  }
  if (!dry) {
    if (!hasExecve(paths.node24) || major(paths.node24) !== "24") {
      say(`test: ${paths.node24} is not a Node 24 with process.execve (AIM_TEST_NODE24)`);
      return 1;
    }
    if (hasExecve(paths.node20)) {
      say(`test: ${paths.node20} has process.execve; the spawn-path tests need a Node without it (AIM_TEST_NODE20)`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main());
