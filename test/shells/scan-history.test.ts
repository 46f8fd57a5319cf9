// aim scan --shell-history against histories that real bash, zsh and fish wrote, typed into
// through tmux as a person would: the `export K=value` line is found, --fix removes exactly
// that entry (keeping the mode and the format), and the shell then starts and recalls the
// other lines.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../helpers/cli.js";
import { Term } from "../helpers/term.js";
import { requireTool } from "../helpers/tools.js";

const VALUE = "sk-hist-Q8w7E6r5T4y3U2i1O0pA";
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const fq = (s: string) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
type Shell = "bash" | "zsh" | "fish";

/** Each shell with its history on, in its default place under HOME, counting prompts in `sync`. */
const SETUP: Record<
  Shell,
  (home: string, sync: string) => { argv: string[]; rc: string; rcFile: string; history: string; list: (f: string) => string }
> = {
  bash: (home, sync) => ({
    rcFile: join(home, "rc.bash"),
    rc: `set +H
PS1='$ '
HISTFILE=${sq(join(home, ".bash_history"))}
HISTSIZE=1000
HISTFILESIZE=1000
HISTTIMEFORMAT='%F %T '
__t_n=0
__t_sync() { __t_n=$((__t_n + 1)); printf '%s' "$__t_n" > ${sq(sync)}; }
PROMPT_COMMAND=__t_sync
`,
    argv: ["bash", "--noprofile", "--rcfile", join(home, "rc.bash"), "-i"],
    history: join(home, ".bash_history"),
    list: (f) => `history > ${sq(f)}`,
  }),
  zsh: (home, sync) => ({
    rcFile: join(home, ".zshrc"),
    rc: `PROMPT='%% '
HISTFILE=${sq(join(home, ".zsh_history"))}
HISTSIZE=1000
SAVEHIST=1000
setopt EXTENDED_HISTORY
__t_n=0
__t_sync() { __t_n=$((__t_n + 1)); printf '%s' "$__t_n" > ${sq(sync)}; }
precmd_functions=(__t_sync)
`,
    argv: ["zsh", "-d", "-i"],
    history: join(home, ".zsh_history"),
    list: (f) => `fc -ln 1 > ${sq(f)}`,
  }),
  fish: (home, sync) => ({
    // --no-config would turn history off: the rc is the private HOME's own config.fish.
    rcFile: join(home, ".config", "fish", "config.fish"),
    rc: `set -g fish_greeting ''
set -g __t_n 0
function fish_prompt; set -g __t_n (math $__t_n + 1); printf '%s' $__t_n > ${fq(sync)}; printf '> '; end
`,
    argv: ["fish"],
    history: join(home, ".local", "share", "fish", "fish_history"),
    list: (f) => `history > ${fq(f)}`,
  }),
};

async function waitFor(pred: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts `shell`, types `lines`, exits, and waits for it to be gone and its history file to
 * hold the last line (fish appends each entry as it runs, `exit` too: reading the file
 * before fish has exited races with that last write).
 */
async function session(
  shell: Shell,
  home: string,
  env: NodeJS.ProcessEnv,
  lines: string[],
  done: () => boolean,
  rc: (text: string) => string = (t) => t,
) {
  requireTool(shell);
  const sync = join(home, `prompts-${Date.now()}`);
  const s = SETUP[shell](home, sync);
  mkdirSync(join(s.rcFile, ".."), { recursive: true });
  writeFileSync(s.rcFile, rc(s.rc));
  const term = new Term(s.argv, {
    env: { ...env, HOME: home, ZDOTDIR: home, XDG_CONFIG_HOME: undefined, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" },
    cwd: home,
    syncFile: sync,
  });
  try {
    await term.waitPrompts(1);
    for (const l of lines) await term.run(l);
    term.type("exit");
    await waitFor(() => term.exited() && done(), `${shell} to exit and write its history`);
  } catch (err) {
    console.error(`--- ${shell} screen ---\n${term.screen()}`);
    throw err;
  } finally {
    term.close();
  }
  return s;
}

const fix = suite("aim scan --shell-history in real shells (tmux)");
for (const shell of ["bash", "zsh", "fish"] as const) {
  fix(`${shell}: the typed export is found, --fix removes exactly that entry, the shell recalls the rest`, async () => {
    const sb = sandbox();
    const home = join(sb.dir, `home-${shell}`);
    mkdirSync(home, { recursive: true });
    const env = { ...sb.env, HOME: home, XDG_DATA_HOME: undefined, XDG_CONFIG_HOME: undefined, HISTFILE: undefined, ZDOTDIR: undefined };
    succeeds(sb.aim(["secrets", "set", "K"], { input: VALUE, env }));
    const s = SETUP[shell](home, "");
    await session(
      shell,
      home,
      env,
      ["echo first-line", `export K=${VALUE}`, "echo last-line"],
      () => existsSync(s.history) && readFileSync(s.history, "utf8").includes("echo last-line"),
    );
    chmodSync(s.history, 0o640);
    const before = readFileSync(s.history, "utf8");
    const lines = before.split("\n");
    const at = lines.findIndex((l) => l.includes(VALUE));
    assert.ok(at >= 0, `${shell} wrote the value to its history`);

    const found = sb.aim(["scan", "--shell-history"], { env });
    expectRun(found, {
      code: 1,
      stdout: `${s.history}:${at + 1}: K (default) [raw]\n`,
      stderr: /aim scan --shell-history --fix removes those entries/,
    });

    const fixed = sb.aim(["scan", "--shell-history", "--fix"], { env });
    expectRun(fixed, { code: 0, stdout: "", stderr: /removed 1 entry from / });
    const after = readFileSync(s.history, "utf8");
    assert.not.ok(after.includes(VALUE), "the value is gone");
    // Exactly the entry: bash with HISTTIMEFORMAT its #timestamp line too, fish its when: line.
    const entry = shell === "bash" ? [at - 1, at] : shell === "fish" ? [at, at + 1] : [at];
    if (shell === "bash") assert.match(lines[at - 1] as string, /^#\d+$/);
    if (shell === "fish") assert.match(lines[at + 1] as string, /^ {2}when: \d+$/);
    assert.is(after, lines.filter((_, i) => !entry.includes(i)).join("\n"));
    assert.is(statSync(s.history).mode & 0o777, 0o640, "mode kept");
    expectRun(sb.aim(["scan", "--shell-history"], { env }), { code: 0, stdout: "", stderr: /no stored value found/ });

    // The shell starts on the fixed file and recalls its other lines. A fish session shows
    // only the entries written before the second it started in (later ones belong to other
    // sessions until a `history merge`), and the first session wrote them within this same
    // second, often: the new one starts in a later second, as a user's would.
    if (shell === "fish") {
      const last = Math.max(...[...after.matchAll(/^ {2}when: (\d+)$/gm)].map((m) => Number(m[1])));
      while (Math.floor(Date.now() / 1000) <= last) await new Promise((r) => setTimeout(r, 50));
    }
    const listed = join(home, "listed");
    await session(shell, home, env, [s.list(listed)], () => existsSync(listed));
    const recalled = readFileSync(listed, "utf8");
    const fileNow = readFileSync(s.history, "utf8");
    assert.match(recalled, /echo first-line/, `${shell} listed:\n${recalled}\nits history file:\n${fileNow}`);
    assert.match(recalled, /echo last-line/, `${shell} listed:\n${recalled}\nits history file:\n${fileNow}`);
    assert.not.ok(recalled.includes(VALUE));
  });
}
fix("bash: a history begun before HISTTIMEFORMAT was set loses only the line that holds the value", async () => {
  const sb = sandbox();
  const home = join(sb.dir, "home-bash-mixed");
  mkdirSync(home, { recursive: true });
  const env = { ...sb.env, HOME: home, XDG_DATA_HOME: undefined, XDG_CONFIG_HOME: undefined, HISTFILE: undefined, ZDOTDIR: undefined };
  succeeds(sb.aim(["secrets", "set", "K"], { input: VALUE, env }));
  const s = SETUP.bash(home, "");
  const has = (text: string) => () => existsSync(s.history) && readFileSync(s.history, "utf8").includes(text);
  // Without HISTTIMEFORMAT bash writes bare lines; once it is set, a #stamp before each new one.
  const plain = (rc: string) => rc.replace(/^HISTTIMEFORMAT=.*\n/m, "");
  await session("bash", home, env, ["echo old-1", `export K=${VALUE}`, "echo old-2"], has("echo old-2"), plain);
  await session("bash", home, env, ["echo new-1"], has("echo new-1"));
  const before = readFileSync(s.history, "utf8");
  const lines = before.split("\n");
  assert.not.match(lines[0] as string, /^#\d+$/, "the file starts without a stamp");
  assert.ok(
    lines.some((l) => /^#\d+$/.test(l)),
    "bash stamped the later lines",
  );
  const at = lines.findIndex((l) => l.includes(VALUE));

  expectRun(sb.aim(["scan", "--shell-history", "--fix"], { env }), { code: 0, stdout: "", stderr: /removed 1 entry from / });
  assert.is(readFileSync(s.history, "utf8"), lines.filter((_, i) => i !== at).join("\n"), "only that line went");
  const listed = join(home, "listed");
  await session("bash", home, env, [s.list(listed)], () => existsSync(listed));
  const recalled = readFileSync(listed, "utf8");
  for (const l of ["echo old-1", "echo old-2", "echo new-1"]) assert.match(recalled, l);
  assert.not.ok(recalled.includes(VALUE));
});
fix.run();

// PSReadLine (PowerShell's history). pwsh is not in Debian's archive, so where it is missing
// the file is written here exactly as PSReadLine writes it (its WriteHistoryRange: each
// command line with every "\n" turned into "`\n", then WriteLine, "\n" on Linux and macOS) at
// the path PSReadLine uses on Linux, and read back as PSReadLine reads it (its
// UpdateHistoryFromFile: a line that ends in a backquote continues into the next one).
const psWrite = (commands: string[]) => commands.map((c) => `${c.replaceAll("\n", "`\n")}\n`).join("");
function psRead(text: string): string[] {
  const out: string[] = [];
  let open: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/).slice(0, text.endsWith("\n") ? -1 : undefined)) {
    if (line.endsWith("`")) open = `${open ?? ""}${line.slice(0, -1)}\n`;
    else {
      out.push(`${open ?? ""}${line}`);
      open = undefined;
    }
  }
  return out;
}

const ps = suite("aim scan --shell-history: PSReadLine's history file");
ps("multi-line entries: each is found on its line, --fix removes whole entries and keeps the rest byte for byte", () => {
  const sb = sandbox();
  const home = join(sb.dir, "home-pwsh");
  const env = { ...sb.env, HOME: home, XDG_DATA_HOME: undefined, XDG_CONFIG_HOME: undefined, HISTFILE: undefined, APPDATA: undefined };
  succeeds(sb.aim(["secrets", "set", "K"], { input: VALUE, env }));
  // What a person typed: Enter after a trailing backquote (a line continuation) or inside an
  // open brace goes on editing the same command, so its command line holds "\n".
  const commands = [
    "Get-ChildItem ~",
    "docker run `\n  -e MODE=dev `\n  alpine:3 echo ok",
    `Invoke-RestMethod https://api.example.com/v1/models \`\n  -Headers @{ Authorization = "Bearer ${VALUE}" }`,
    'foreach ($i in 1..3) {\n  Write-Host "café $i"\n}',
    `$env:K = '${VALUE}'; Write-Host set \`\n  done`,
    "git status",
  ];
  const dir = join(home, ".local", "share", "powershell", "PSReadLine");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "ConsoleHost_history.txt");
  const before = psWrite(commands);
  writeFileSync(file, before);
  chmodSync(file, 0o600);
  assert.equal(psRead(before), commands, "the reader in this test reads back what the writer wrote");
  assert.match(before, /^docker run ``\n {2}-e MODE=dev ``\n/m, "a typed continuation is written as a doubled backquote");

  const lines = before.split("\n");
  const at = lines.flatMap((l, i) => (l.includes(VALUE) ? [i + 1] : []));
  assert.equal(at, [6, 10]);
  const found = sb.aim(["scan", "--shell-history"], { env });
  expectRun(found, {
    code: 1,
    stdout: `${file}:6: K (default) [raw]\n${file}:10: K (default) [raw]\n`,
    stderr: /aim scan --shell-history --fix removes those entries/,
  });

  const fixed = sb.aim(["scan", "--shell-history", "--fix"], { env });
  expectRun(fixed, { code: 0, stdout: "", stderr: /removed 2 entries from / });
  assert.not.ok(fixed.stderr.includes(VALUE) || fixed.stdout.includes(VALUE));
  const after = readFileSync(file);
  assert.ok(after.equals(Buffer.from(psWrite([0, 1, 3, 5].map((i) => commands[i] as string)))), "the other entries, byte for byte");
  assert.equal(
    psRead(after.toString("utf8")),
    [0, 1, 3, 5].map((i) => commands[i]),
    "PSReadLine reads back the other commands",
  );
  assert.is(statSync(file).mode & 0o777, 0o600, "mode kept");
  expectRun(sb.aim(["scan", "--shell-history"], { env }), { code: 0, stdout: "", stderr: /no stored value found/ });
});
ps.run();
