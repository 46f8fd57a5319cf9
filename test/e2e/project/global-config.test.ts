// Exactly one global config. config.yaml's backend is read; both
// config.json and config.yaml is an error naming them; migrate writes into the one that
// exists, keeping the user's keys, tools and comments.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, TEST_PASSPHRASE, succeeds } from "../../helpers/cli.js";
import { vaultFile } from "../../helpers/vault.js";

const PASS = { AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10", AIM_BACKEND: undefined };
const lookup = (service: string, key: string) =>
  spawnSync("secret-tool", ["lookup", "service", service, "username", key], { encoding: "utf8" }).stdout;

function world() {
  const box = sandbox(PASS);
  const dir = box.env.AIM_CONFIG_DIR as string;
  mkdirSync(dir, { recursive: true });
  return { ...box, cfg: (name: string, text: string) => writeFileSync(join(dir, name), text), cfgDir: dir };
}

const USER_YAML = `# my settings
keys: []
tools:
  mytool:            # in-house agent
    keys: [MYTOOL_TOKEN]
`;

const read = suite("config.yaml is read whole");
read("its backend decides the store", () => {
  const { aim, env, cfg } = world();
  cfg("config.yaml", "backend: file\n");
  const r = aim(["secrets", "set", "K"], { input: "v" });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr, `aim: stored K in the encrypted file vault ${vaultFile(env)}\n`);
  assert.is(lookup(env.AIM_KEYRING_SERVICE as string, "K"), "");
});
read("both config.json and config.yaml is an error naming them, for every command", () => {
  const { aim, cfg, cfgDir } = world();
  cfg("config.json", '{"backend": "keyring"}');
  cfg("config.yaml", USER_YAML);
  const why = `aim: ${cfgDir} holds config.json and config.yaml: aim reads exactly one global config. Merge them into one and remove the other\n`;
  for (const args of [["exec", "--", "sh", "-c", "echo ran"], ["tools"], ["secrets", "set", "K"], ["status"]]) {
    const r = aim(args, { input: "v" });
    assert.is(r.code, args[0] === "exec" ? 125 : 1, `${args.join(" ")}: ${r.stderr}`);
    assert.is(r.stdout, "", args.join(" "));
    assert.is(r.stderr, why, args.join(" "));
  }
  assert.is(aim(["exec", "--", "true"]).code, 125);
});
read.run();

const migrate = suite("aim secrets migrate writes into the one config there is");
migrate("config.yaml gains backend: file, keeping keys, tools and comments; no config.json appears", () => {
  const { aim, env, cfg, cfgDir } = world();
  cfg("config.yaml", USER_YAML);
  succeeds(aim(["secrets", "set", "A_KEY"], { input: "one" }));
  const r = aim(["secrets", "migrate", "--to", "file"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.is(
    r.stderr,
    `aim: moved 1 to the encrypted file vault ${vaultFile(env)}: A_KEY\naim: aim now uses the file backend (backend: file in ${join(cfgDir, "config.yaml")})\n`,
  );
  assert.not.ok(existsSync(join(cfgDir, "config.json")));
  assert.is(readFileSync(join(cfgDir, "config.yaml"), "utf8"), `${USER_YAML}backend: file\n`);
  const tools = aim(["tools", "--json"]);
  assert.is(tools.code, 0, tools.stderr);
  assert.ok(
    (JSON.parse(tools.stdout) as Array<{ name: string }>).some((t) => t.name === "mytool"),
    tools.stdout,
  );
  const back = aim(["secrets", "migrate", "--to", "keyring"]);
  assert.is(back.code, 0, back.stderr);
  assert.is(back.stdout, "");
  assert.is(readFileSync(join(cfgDir, "config.yaml"), "utf8"), `${USER_YAML}backend: keyring\n`);
  assert.is(lookup(env.AIM_KEYRING_SERVICE as string, "A_KEY"), "one");
});
migrate("a config.yaml aim cannot edit safely stops the move before anything changed", () => {
  const { aim, env, cfg, cfgDir } = world();
  const flow = "{keys: [], tools: {mytool: {keys: [MYTOOL_TOKEN]}}}\n";
  cfg("config.yaml", flow);
  succeeds(aim(["secrets", "set", "A_KEY"], { input: "one" }));
  const r = aim(["secrets", "migrate", "--to", "file"]);
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: aim cannot add "backend: file" to .*config\.yaml without changing what else it says; nothing was moved\. Add the line/,
  );
  assert.is(readFileSync(join(cfgDir, "config.yaml"), "utf8"), flow);
  assert.is(lookup(env.AIM_KEYRING_SERVICE as string, "A_KEY"), "one");
  assert.not.ok(existsSync(vaultFile(env)));
});
migrate.run();
