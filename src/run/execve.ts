import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { runnable as isRunnableFile } from "../runtime/helper-path.js";
import { launchError } from "./spawn.js";

// Node's process.execve aborts the whole process (SIGABRT, a core dump) when the call fails,
// so every failure it could meet is found first: aim replaces itself only when the kernel
// will surely run the file, and otherwise takes the spawn path, which reports as it always has.

type Execve = (file: string, args: string[], env: Record<string, string>) => never;
const execve = (process as unknown as { execve?: Execve }).execve;

/** Whether aim may replace itself: Node 22.15+/23.11+ off Windows, and no --mask (that needs aim alive). */
export const canReplace = (mask: boolean): boolean => !mask && typeof execve === "function" && process.platform !== "win32";

/** Where execvp(3) would find `command` on `PATH`, or the error it would give (ENOENT, EACCES). */
export function locate(command: string, path: string | undefined): { file: string } | { code: "ENOENT" | "EACCES" } {
  // A folder on PATH that this user may not search (another user's ~/.cargo/bin) is
  // EACCES, as execvp counts it, and the search goes on; any other failure is "not there".
  const exists = (p: string) => {
    try {
      return statSync(p, { throwIfNoEntry: false }) !== undefined;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EACCES";
    }
  };
  if (command.includes("/")) {
    if (isRunnableFile(command)) return { file: command };
    return { code: exists(command) ? "EACCES" : "ENOENT" };
  }
  let denied = false;
  // An empty entry is the working directory; no PATH at all is execvp's default.
  for (const dir of (path ?? "/bin:/usr/bin").split(delimiter)) {
    const file = join(dir || ".", command);
    if (isRunnableFile(file)) return { file: dir ? file : `./${command}` };
    denied ||= exists(file);
  }
  return { code: denied ? "EACCES" : "ENOENT" };
}

function head(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(256);
    return buf.subarray(0, readSync(fd, buf, 0, 256, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    closeSync(fd);
  }
}

/** True when execve(2) runs `file`: an ELF binary, or a script whose interpreter is one (up to the kernel's 4 levels). */
function kernelRuns(file: string, depth = 0): boolean {
  let start: Buffer;
  try {
    start = head(file);
  } catch {
    return false;
  }
  if (start.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return true;
  if (depth >= 4 || start.subarray(0, 2).toString("latin1") !== "#!") return false;
  // No shebang (execvp falls back to /bin/sh) or an odd one: the spawn path knows what to do.
  const line = start.subarray(2).toString("latin1").split("\n")[0] ?? "";
  const interpreter = line.trim().split(/[ \t]/)[0] ?? "";
  return interpreter.startsWith("/") && isRunnableFile(interpreter) && kernelRuns(interpreter, depth + 1);
}

// The kernel refuses (E2BIG) one string over 128 KiB, or argv plus environment past its
// limit (a quarter of the stack, 2 MiB at least on Linux): stay well below.
// A UTF-16 unit is at most 3 bytes of UTF-8, so the exact count is needed only near a limit.
const fitsArgMax = (argv: string[], env: Record<string, string>): boolean => {
  const strings = [...argv];
  for (const k in env) strings.push(`${k}=${env[k]}`);
  let bound = 0;
  let longest = 0;
  for (const s of strings) {
    bound += 3 * s.length + 9;
    if (s.length > longest) longest = s.length;
  }
  if (bound < 1024 * 1024 && 3 * longest + 1 <= 128 * 1024) return true;
  let total = 0;
  for (const s of strings) {
    const n = Buffer.byteLength(s) + 1;
    if (n > 128 * 1024) return false;
    total += n + 8;
  }
  return total < 1024 * 1024;
};

const listFds = (): number[] => {
  try {
    return readdirSync("/proc/self/fd").map(Number);
  } catch {
    return []; // not Linux: no /proc to look in
  }
};

/** The descriptors open before aim opened any of its own: what its parent handed it, which the command inherits too. */
export const inheritedFds = (): Set<number> => new Set(listFds());

/** Descriptors aim itself opened without close-on-exec: the command would inherit them. */
function ownLeaks(inherited: ReadonlySet<number>): number[] {
  return listFds().filter((fd) => {
    if (fd <= 2 || inherited.has(fd)) return false;
    try {
      const flags = readFileSync(`/proc/self/fdinfo/${fd}`, "utf8").match(/^flags:\s+([0-7]+)/m)?.[1];
      return flags !== undefined && (Number.parseInt(flags, 8) & 0o2000000) === 0;
    } catch {
      return false; // gone already (the listing's own descriptor, a file just closed)
    }
  });
}

/**
 * Once crypto is in use, Node 24 reads NODE_EXTRA_CA_CERTS on a thread of its own, which may
 * open the file only after aim has looked (seen: fd 21 in 1 run of 60 under load). Asking for
 * those certificates on this thread waits for that one to finish. Only then: node:tls costs
 * milliseconds, and without the variable (or crypto) there is no such thread.
 */
function awaitCertificateThread(): void {
  if (
    !process.env.NODE_EXTRA_CA_CERTS ||
    !(process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes("Internal Binding crypto")
  )
    return;
  try {
    process.getBuiltinModule("node:tls").getCACertificates?.("extra");
  } catch {
    // an unreadable bundle: Node has warned (or will); the wait below still applies
  }
}

/**
 * Waits for another thread to close what it opened without close-on-exec, so the command gets
 * none of it. Seen on Node 24 with NODE_EXTRA_CA_CERTS set: once crypto is in use, a thread
 * reads that file through OpenSSL (no O_CLOEXEC), and an execve at that moment would hand the
 * descriptor on. Closing it under the thread makes it fail and print a warning, so aim waits
 * (a few ms, at most half a second), and closes only what is still open then.
 */
function settleFds(inherited: ReadonlySet<number>): void {
  awaitCertificateThread();
  const deadline = Date.now() + 500;
  const tick = new Int32Array(new SharedArrayBuffer(4));
  let leaks = ownLeaks(inherited);
  while (leaks.length > 0 && Date.now() < deadline) {
    Atomics.wait(tick, 0, 0, 2);
    leaks = ownLeaks(inherited);
  }
  for (const fd of leaks) {
    try {
      closeSync(fd);
    } catch {}
  }
}

/**
 * Replaces aim with `command`: same pid, no aim left behind, signals and job control the
 * kernel's. Throws the spawn path's 126/127 errors when the command is missing or not
 * executable; returns (having done nothing) when the spawn path must run it instead.
 */
export function replaceWith(command: string, args: string[], env: NodeJS.ProcessEnv, inherited: ReadonlySet<number> = new Set()): void {
  const found = locate(command, env.PATH);
  if ("code" in found) throw launchError(command, Object.assign(new Error(found.code), { code: found.code }));
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.includes("=") && !k.includes("\0") && !v.includes("\0")) clean[k] = v;
  const argv = [command, ...args];
  if (!kernelRuns(found.file) || !fitsArgMax(argv, clean) || argv.some((a) => a.includes("\0"))) return;
  // Node ignores SIGPIPE and SIGXFSZ, and an ignored signal stays ignored across execve
  // (the command would see SigIgn 0000000001001000). A handled one is reset to its default.
  for (const sig of ["SIGPIPE", "SIGXFSZ"] as const) process.on(sig, () => {});
  settleFds(inherited);
  (execve as Execve)(found.file, argv, clean);
}
