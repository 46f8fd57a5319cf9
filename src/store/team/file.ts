import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { MAX_MEMBERS, parseRecipients, type Recipient, renderRecipients } from "./recipients.js";
import { MAX_PREVIOUS, parseTeam, serializeTeam, type TeamDoc } from "./format.js";
import { AimError } from "../../errors.js";
import { withLock, writeAtomic } from "../../runtime/jsonfile.js";
import { readRegular } from "../../runtime/read-regular.js";
import { shownPath } from "../../runtime/shown-path.js";
import { approve, approvedFor, assertApproved, secretDigest } from "./approved.js";
import { noIdentity, readIdentity } from "./identity.js";
import type { KnownGlobal } from "../backend-config.js";

type Env = NodeJS.ProcessEnv;

/**
 * The most aim reads of a team file and a recipients file. A team file holds some names of
 * at most 128 KiB each (what one environment variable can carry); a recipients file, at most
 * MAX_MEMBERS lines. Both come from the repository: a bigger one is refused unread.
 */
export const MAX_TEAM_BYTES = 8 * 1024 * 1024;
export const MAX_RECIPIENTS_BYTES = 256 * 1024;

const tooBig = (what: string, unit: string) => (path: string, size: string) =>
  new AimError("TEAM", `${shownPath(path)} is ${size}, more than the ${unit} aim reads of ${what}`, {
    hint: "restore it from git (git log -- .aim), or remove what you did not add",
  });

/** A team file's bytes (the repository's, or a version git hands the merge driver): a regular file within the cap. */
export const readTeamBytes = (path: string): Buffer => readRegular(path, MAX_TEAM_BYTES, tooBig("a team file", "8 MiB"));

const freshSecret = () => randomBytes(32).toString("base64url");

/** Whether `doc` carries a member secret among `known` digests, or names one of them as replaced. */
export const followsSecret = (doc: TeamDoc, known: readonly string[]): boolean =>
  doc.secret !== undefined && (known.includes(secretDigest(doc.secret)) || (doc.previous ?? []).some((d) => known.includes(d)));

/** The member secret of a merge: either side's when they agree, else a fresh one that follows both. */
export function mergedSecret(ours: TeamDoc, theirs: TeamDoc): Pick<TeamDoc, "secret" | "previous"> {
  if (ours.secret === theirs.secret) return { secret: ours.secret, previous: ours.previous };
  const replaced = [...(ours.previous ?? []), ...(theirs.previous ?? [])];
  for (const s of [ours.secret, theirs.secret]) if (s) replaced.push(secretDigest(s));
  return { secret: freshSecret(), previous: [...new Set(replaced)].slice(-MAX_PREVIOUS) };
}

/** Why aim will not let a recipients file decide who reads the team file (another user's, or writable by others), or null. */
export type ForeignCheck = (path: string) => string | null;

/** A project's team files: `.aim/team.age` and `.aim/recipients` in the folder of its .aimrc. */
export class TeamFiles {
  readonly folder: string;
  readonly file: string;
  readonly recipientsFile: string;

  constructor(
    readonly dir: string,
    private readonly foreign: ForeignCheck = () => null,
  ) {
    this.folder = join(dir, ".aim");
    this.file = join(this.folder, "team.age");
    this.recipientsFile = join(this.folder, "recipients");
  }

  #read(path: string): Buffer | undefined {
    try {
      return path === this.recipientsFile
        ? readRegular(path, MAX_RECIPIENTS_BYTES, tooBig("a recipients file", "256 KiB"))
        : readTeamBytes(path);
    } catch (err) {
      if (err instanceof AimError) throw err;
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new AimError("IO", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`, { cause: err });
    }
  }

  recipients(): Recipient[] {
    const text = this.#read(this.recipientsFile);
    const shown = shownPath(this.recipientsFile);
    if (text === undefined) throw new AimError("TEAM", `there is no ${shown}`, { hint: "start a team file here with: aim team init" });
    // As for a project's .aimrc (project/ownership.ts): a list that others may rewrite is an access list anyone extends.
    const why = this.foreign(this.recipientsFile);
    if (why)
      throw new AimError("TEAM", `ignoring ${shown}: ${why}, so it may not decide who can read the team file`, {
        hint: "if it is yours, fix it (chown, chmod go-w), else remove it",
      });
    return parseRecipients(text.toString("utf8"), shown);
  }

  /**
   * Decrypts the team file with the member's identity (AIM_IDENTITY or the member's store),
   * and checks that a member wrote it (its member secret follows the one last read here).
   * `acceptAuthor` skips that check: for aim team allow, which shows and accepts the change.
   */
  async open(env: Env = process.env, acceptAuthor = false, known?: KnownGlobal | null): Promise<TeamDoc> {
    const bytes = this.#read(this.file);
    if (bytes === undefined) throw new AimError("TEAM", `there is no team file ${this.file}`, { hint: "start one with: aim team init" });
    const id = await readIdentity(env, known);
    if (!id) throw noIdentity();
    const doc = await decryptTeam(bytes, id.identity, this.file);
    if (!acceptAuthor) await this.#checkAuthor(doc, env);
    return doc;
  }

  /**
   * A version that does not carry the member secret of the version this member last read
   * (or name its digest among the ones it replaced) was written by someone who could not
   * read that version: refused. The first version a member reads here is taken as it is.
   */
  async #checkAuthor(doc: TeamDoc, env: Env): Promise<void> {
    const known = approvedFor(this.folder, env)?.secret;
    const forged = (why: string) =>
      new AimError("TEAM_FORGED", `${shownPath(this.file)} was not written by a member: ${why}`, {
        hint: "do not use it: see who committed it (git log -- .aim/team.age) and restore the last good one (git checkout COMMIT -- .aim/team.age); if a member re-created the file on purpose, accept it with: aim team allow",
      });
    if (doc.secret === undefined) {
      if (known) throw forged("it lacks the member secret that every version aim writes carries");
      return; // written before aim kept a member secret
    }
    const digest = secretDigest(doc.secret);
    if (digest === known) return;
    if (known && !doc.previous?.includes(known)) throw forged("its member secret does not follow the one in the version you last read");
    await approve(this.folder, { secret: digest }, env);
  }

  /**
   * Encrypts `doc.values` to `recipients` with a fresh file key, keeping the member secret
   * (made when the file has none; replaced, the old one's digest kept, when `rotate`), and
   * records `recipients` and the secret as approved by this member. Callers check first that
   * the member approved `recipients` (assertApproved) or is changing them (add, remove).
   */
  async seal(
    doc: Pick<TeamDoc, "values" | "secret" | "previous">,
    recipients: Recipient[] = this.recipients(),
    rotate = false,
    env: Env = process.env,
  ): Promise<TeamDoc> {
    const previous = rotate && doc.secret ? [...(doc.previous ?? []), secretDigest(doc.secret)].slice(-MAX_PREVIOUS) : (doc.previous ?? []);
    const next: TeamDoc = {
      recipients: recipients.map((r) => r.key),
      values: doc.values,
      secret: rotate || !doc.secret ? freshSecret() : doc.secret,
      previous,
    };
    mkdirSync(this.folder, { recursive: true });
    // The temp file write-file-atomic makes holds ciphertext only, like the file itself.
    await writeAtomic(this.file, await encryptTeam(next, recipients, this.recipientsFile), 0o644);
    await approve(this.folder, { members: recipients, secret: secretDigest(next.secret as string) }, env);
    return next;
  }

  /** Throws unless the recipients listed now are the members this member approved. */
  assertApproved(list: readonly Recipient[], env: Env = process.env): void {
    assertApproved(this.folder, this.recipientsFile, list, env);
  }

  async writeRecipients(list: readonly Pick<Recipient, "key" | "name">[]): Promise<void> {
    mkdirSync(this.folder, { recursive: true });
    await writeAtomic(this.recipientsFile, renderRecipients(list), 0o644);
  }

  /** Read-modify-write under the team file's lock. `change` returns false to write nothing. */
  async update(env: Env, change: (values: Map<string, string>) => boolean | undefined): Promise<TeamDoc> {
    return withLock(this.file, async () => {
      const listed = this.recipients();
      this.assertApproved(listed, env);
      const doc = await this.open(env);
      if (change(doc.values) === false) return doc;
      return this.seal(doc, listed, false, env);
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
    assertFewStanzas(bin, path);
    text = await readText(await d.decrypt(asStream(bin)));
  } catch (err) {
    if (err instanceof AimError) throw err;
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

/**
 * Refuses a file whose header names more than MAX_MEMBERS recipients before age tries the
 * identity on each (an X25519 operation apiece). The header is text lines up to "---".
 */
function assertFewStanzas(bin: Uint8Array, path: string): void {
  const buf = Buffer.from(bin.buffer, bin.byteOffset, bin.byteLength);
  const end = buf.indexOf("\n---");
  const head = end < 0 ? buf : buf.subarray(0, end);
  let n = 0;
  for (let at = head.indexOf("\n-> "); at >= 0; at = head.indexOf("\n-> ", at + 1)) n++;
  if (n > MAX_MEMBERS)
    throw new AimError("TEAM", `${shownPath(path)} is encrypted to ${n} recipients, more than the ${MAX_MEMBERS} aim reads`, {
      hint: "restore it from git (git log -- .aim/team.age): aim never writes such a file",
    });
}

export async function encryptTeam(doc: TeamDoc, recipients: Recipient[], recipientsFile: string): Promise<Uint8Array> {
  if (recipients.length === 0)
    throw new AimError("TEAM", `${shownPath(recipientsFile)} names no one`, { hint: "add yourself: aim team add $(aim team whoami)" });
  const age = await import("age-encryption");
  const e = new age.Encrypter();
  for (const r of recipients) {
    try {
      e.addRecipient(r.key);
    } catch {
      throw new AimError("TEAM", `${shownPath(recipientsFile)} line ${r.line}: the key is not a valid age public key (bad checksum)`, {
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
