import { type CheckResult, check } from "../../core/doctor.js";
import { AimError } from "../../errors.js";
import { hasTerminal } from "../../terminal/tty.js";
import { agentSaid, askAgent } from "./agent-client.js";
import { fileKeyFromPassphrase, splitHeader, toBinary } from "./age.js";
import { agentSocket } from "./paths.js";
import { readVaultBytes } from "./store.js";

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

/** The vault file, and whether this process could unlock it now (agent, AIM_VAULT_PASSPHRASE, terminal). */
export async function vaultChecks(vault: string, env: NodeJS.ProcessEnv, used: boolean): Promise<CheckResult[]> {
  let bytes: Uint8Array | undefined;
  let header: Uint8Array;
  try {
    bytes = readVaultBytes(vault);
    if (!bytes) {
      return [
        check(
          "vault",
          "vault file",
          used ? "ok" : "skip",
          `none yet at ${vault}${used ? "; the first aim secrets set (or aim vault unlock) creates it" : ""}`,
        ),
      ];
    }
    header = splitHeader(await toBinary(bytes, vault), vault);
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    return [check("vault", "vault file", used ? "fail" : "warn", err.message, err.hint)];
  }
  const factor = Buffer.from(header)
    .toString("latin1")
    .match(/\n-> scrypt \S+ (\d+)/)?.[1];
  const file = check("vault", "vault file", "ok", `${vault} (${bytes.length} bytes, age passphrase file, scrypt work factor ${factor})`);
  return [file, await unlockCheck(header, vault, used, env)];
}

async function unlockCheck(header: Uint8Array, vault: string, used: boolean, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const title = "vault unlock";
  const bad = used ? "fail" : "warn";
  const agent = await askAgent(agentSocket(vault, env), { op: "filekey", header: b64(header) }, 30_000).catch((e: Error) => e);
  // aim's own refusal (a folder or socket of another user's) is aim's words; a reply is the agent's.
  if (agent instanceof Error)
    return check("unlock", title, bad, agent.message, (agent as { hint?: string }).hint ?? "aim vault lock; aim vault unlock");
  if (agent?.ok) return check("unlock", title, "ok", `unlocked by the agent (aim vault status shows until when)`);
  if (agent)
    return check(
      "unlock",
      title,
      bad,
      `the agent cannot open the vault; it said: ${agentSaid(agent.message)}`,
      "aim vault lock; aim vault unlock",
    );
  if (env.AIM_VAULT_PASSPHRASE) {
    try {
      await fileKeyFromPassphrase(header, env.AIM_VAULT_PASSPHRASE, "the passphrase in AIM_VAULT_PASSPHRASE", vault);
      return check("unlock", title, "ok", "AIM_VAULT_PASSPHRASE opens the vault (no agent running)");
    } catch (err) {
      return check("unlock", title, bad, (err as Error).message, "correct AIM_VAULT_PASSPHRASE, or unset it and run aim vault unlock");
    }
  }
  if (hasTerminal()) {
    return check(
      "unlock",
      title,
      used ? "warn" : "skip",
      "locked: every command will ask for the passphrase",
      "aim vault unlock (asks once for this login session)",
    );
  }
  return check(
    "unlock",
    title,
    used ? "fail" : "skip",
    "locked, and there is no terminal to ask for the passphrase",
    "aim vault unlock, or set AIM_VAULT_PASSPHRASE (CI)",
  );
}
