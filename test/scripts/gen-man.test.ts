// dist/aim.1, written at build time by scripts/gen-man.mjs from the command specs.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ENVIRONMENT, FILES } from "../../src/cli/environment.js";
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
man("ENVIRONMENT lists every AIM_* variable src/ reads, and FILES every file aim uses", () => {
  requireTool("man", "man-db");
  const read = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts"))
        for (const m of readFileSync(p, "utf8").matchAll(/\benv\??\.(AIM_[A-Z0-9_]+)|\b(AIM_[A-Z0-9_]+): _/g))
          read.add((m[1] ?? m[2]) as string);
    }
  };
  walk(join(ROOT, "src"));
  assert.ok(read.has("AIM_BACKEND") && read.has("AIM_DEBUG"), [...read].join(" "));
  const listed = ENVIRONMENT.map((v) => v.name);
  assert.equal(
    [...read].filter((n) => !listed.includes(n)),
    [],
    "read by src/ but not in src/cli/environment.ts",
  );
  const r = spawnSync("man", ["-l", PAGE], { encoding: "utf8", env: { ...process.env, MANWIDTH: "250", PAGER: "cat" } });
  const text = r.stdout.replace(/\u2010\n\s*/g, "").replace(/[\u2010\u2011]/g, "-");
  const env = text.slice(text.indexOf("\nENVIRONMENT\n"), text.indexOf("\nFILES\n"));
  for (const name of listed) assert.match(env, new RegExp(`^ +${name}\\n`, "m"), name);
  const files = text.slice(text.indexOf("\nFILES\n"), text.indexOf("\nSEE ALSO\n"));
  for (const f of FILES) assert.ok(files.includes(f.path.split(",")[0] as string), f.path);
});
man("the package ships it as its man page", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.equal(pkg.man, ["./dist/aim.1"]);
});
man.run();
