// dist/aim.1, written at build time by scripts/gen-man.mjs from the command specs.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { allSpecs } from "../../src/commands/registry.js";
import { usageLine } from "../../src/cli/usage.js";
import { ROOT } from "../helpers/cli.js";
import { requireTool } from "../helpers/tools.js";

const PAGE = join(ROOT, "dist", "aim.1");

const man = suite("the manual page");
man("groff reads it without a single warning", () => {
  requireTool("groff", "groff-base");
  const r = spawnSync("groff", ["-man", "-Tutf8", "-ww", "-z", PAGE], { encoding: "utf8" });
  assert.equal([r.status, r.stdout, r.stderr], [0, "", ""]);
});
man("man shows every command's usage line and options, from the specs; no internal command", () => {
  requireTool("man", "man-db");
  const r = spawnSync("man", ["-l", PAGE], {
    encoding: "utf8",
    env: { ...process.env, MANWIDTH: "250", MAN_KEEP_FORMATTING: "", PAGER: "cat" },
  });
  assert.equal([r.status, r.stderr], [0, ""]);
  const text = r.stdout.replace(/\u2010\n\s*/g, "").replace(/[\u2010\u2011]/g, "-");
  const hidden = allSpecs().filter((e) => e.spec.hidden);
  for (const { path, spec } of allSpecs()) {
    if (hidden.some((h) => path.join(" ").startsWith(h.path.join(" ")))) {
      assert.not.ok(text.includes(`aim ${path.join(" ")} `), `${path.join(" ")} is internal`);
      continue;
    }
    assert.ok(text.includes(usageLine(path, spec)), usageLine(path, spec));
    for (const name of Object.keys(spec.options ?? {})) assert.match(text, new RegExp(`--${name}\\b`), `${path.join(" ")} --${name}`);
  }
  assert.match(text, /^AIM\(1\)/);
  assert.ok(text.includes('eval "$(aim completion bash)"'));
});
man("the package ships it as its man page", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.equal(pkg.man, ["./dist/aim.1"]);
});
man.run();
