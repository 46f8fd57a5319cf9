import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";

const SENTINEL = "sk-clip-SENTINEL-0042";
const clip = suite("aim secrets get --clipboard");
let xvfb: ChildProcess | undefined;
const DISPLAY = `:${90 + (process.pid % 50)}`;

clip.before(async () => {
  assert.ok(spawnSync("Xvfb", ["-help"]).error === undefined, "Xvfb is NOT INSTALLED: apt-get install xvfb xsel");
  xvfb = spawn("Xvfb", [DISPLAY, "-nolisten", "tcp"], { stdio: "ignore" });
  for (let i = 0; i < 100 && spawnSync("xsel", ["-b", "-o"], { env: { ...process.env, DISPLAY } }).status !== 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});
clip.after(() => {
  xvfb?.kill();
});

const paste = () => spawnSync("xsel", ["--clipboard", "--output"], { env: { ...process.env, DISPLAY }, encoding: "utf8" }).stdout;

clip("copies the value, prints nothing, and clears the clipboard when due", async () => {
  const { aim } = sandbox({ DISPLAY, AIM_CLIPBOARD_SECONDS: "1" });
  succeeds(aim(["secrets", "set", "K"], { input: SENTINEL }));
  const r = aim(["secrets", "get", "K", "--clipboard"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /copied K to the clipboard; it is cleared in 1 seconds/);
  assert.not.ok(r.stderr.includes(SENTINEL));
  assert.is(paste(), SENTINEL);
  const end = Date.now() + 8000;
  while (paste() === SENTINEL && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  assert.is(paste(), "", "the clipboard is cleared after the delay");
});
clip("without a display: a clear error, exit 1", () => {
  const { aim } = sandbox({ DISPLAY: "", WAYLAND_DISPLAY: "" });
  succeeds(aim(["secrets", "set", "K"], { input: SENTINEL }));
  const r = aim(["secrets", "get", "K", "--clipboard"]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: no clipboard is available here\./, r.stderr);
});
clip.run();
