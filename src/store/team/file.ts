import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRecipients, type Recipient, renderRecipients } from "./recipients.js";
import { parseTeam, serializeTeam, type TeamDoc } from "./format.js";
import { AimError } from "../../errors.js";
import { withLock, writeAtomic } from "../../runtime/jsonfile.js";
import { noIdentity, readIdentity } from "./identity.js";

type Env = NodeJS.ProcessEnv;

/** A project's team files: `.aim/team.age` and `.aim/recipients` in the folder of its .aimrc. */
export class TeamFiles {
  readonly folder: string;
  readonly file: string;
  readonly recipientsFile: string;

  constructor(readonly dir: string) {
    this.folder = join(dir, ".aim");
    this.file = join(this.folder, "team.age");
    this.recipientsFile = join(this.folder, "recipients");
  }

  #read(path: string): Buffer | undefined {
    try {
      return readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new AimError("IO", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`, { cause: err });
    }
  }

  exists(): boolean {
    return this.#read(this.file) !== undefined;
  }

  recipients(): Recipient[] {
    const text = this.#read(this.recipientsFile);
    if (text === undefined)
      throw new AimError("TEAM", `there is no ${this.recipientsFile}`, { hint: "start a team file here with: aim team init" });
    return parseRecipients(text.toString("utf8"), this.recipientsFile);
  }

  /** Decrypts the team file with the member's identity (AIM_IDENTITY or the member's store). */
  async open(env: Env = process.env, path = this.file): Promise<TeamDoc> {
    const bytes = this.#read(path);
    if (bytes === undefined) throw new AimError("TEAM", `there is no team file ${path}`, { hint: "start one with: aim team init" });
    const id = await readIdentity(env);
    if (!id) throw noIdentity();
    return decryptTeam(bytes, id.identity, path);
  }

  /** Encrypts `values` to every recipient in `.aim/recipients`, with a fresh file key. */
  async seal(values: Map<string, string>, recipients: Recipient[] = this.recipients()): Promise<TeamDoc> {
    const doc = { recipients: recipients.map((r) => r.key), values };
    mkdirSync(this.folder, { recursive: true });
    // The temp file write-file-atomic makes holds ciphertext only, like the file itself.
    await writeAtomic(this.file, await encryptTeam(doc, recipients, this.recipientsFile), 0o644);
    return doc;
  }

  async writeRecipients(list: readonly Pick<Recipient, "key" | "name">[]): Promise<void> {
    mkdirSync(this.folder, { recursive: true });
    await writeAtomic(this.recipientsFile, renderRecipients(list), 0o644);
  }

  /** Read-modify-write under the team file's lock. `change` returns false to write nothing. */
  async update(env: Env, change: (values: Map<string, string>) => boolean | undefined): Promise<TeamDoc> {
    return withLock(this.file, async () => {
      const doc = await this.open(env);
      if (change(doc.values) === false) return doc;
      return this.seal(doc.values);
    });
  }
}

// The library's own "text" output reads the stream through `new Response()`, which loads
// Node's fetch (undici): about 20 ms of every aim exec with team: keys. A reader does the same.
const asStream = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function decryptTeam(bytes: Uint8Array, identity: string, path: string): Promise<TeamDoc> {
  const age = await import("age-encryption");
  const d = new age.Decrypter();
  d.addIdentity(identity);
  let text: string;
  try {
    const bin = Buffer.from(bytes.subarray(0, 34)).toString("latin1").startsWith("-----BEGIN AGE")
      ? age.armor.decode(Buffer.from(bytes).toString("latin1"))
      : bytes;
    text = await readText(await d.decrypt(asStream(bin)));
  } catch (err) {
    if (/no identity matched/i.test((err as Error).message)) {
      throw new AimError("TEAM_NOT_RECIPIENT", `you are not a recipient of ${path}`, {
        hint: `ask a member to run: aim team add ${await age.identityToRecipient(identity)}`,
      });
    }
    throw new AimError("TEAM", `${path} is damaged or not an age file (${(err as Error).message})`, {
      hint: "restore it from git: git checkout -- .aim/team.age",
      cause: err,
    });
  }
  return parseTeam(text, path);
}

export async function encryptTeam(doc: TeamDoc, recipients: Recipient[], recipientsFile: string): Promise<Uint8Array> {
  if (recipients.length === 0)
    throw new AimError("TEAM", `${recipientsFile} names no one`, { hint: "add yourself: aim team add $(aim team whoami)" });
  const age = await import("age-encryption");
  const e = new age.Encrypter();
  for (const r of recipients) {
    try {
      e.addRecipient(r.key);
    } catch {
      throw new AimError("TEAM", `${recipientsFile} line ${r.line}: the key is not a valid age public key (bad checksum)`, {
        hint: "copy the key again from: aim team whoami",
      });
    }
  }
  return e.encrypt(serializeTeam(doc));
}

/** Recipients the file was last encrypted to that differ from `.aim/recipients`, both ways. */
export function recipientDrift(doc: TeamDoc, listed: readonly Recipient[]): { unlisted: string[]; unsealed: string[] } {
  const keys = new Set(listed.map((r) => r.key));
  const sealed = new Set(doc.recipients);
  return {
    unlisted: doc.recipients.filter((k) => !keys.has(k)),
    unsealed: listed.filter((r) => !sealed.has(r.key)).map((r) => r.name ?? r.key),
  };
}

/** A key from the command line: X25519 and a valid bech32 checksum, before anything is written. */
export async function checkRecipientKey(key: string): Promise<boolean> {
  const age = await import("age-encryption");
  try {
    new age.Encrypter().addRecipient(key);
    return true;
  } catch {
    return false;
  }
}
