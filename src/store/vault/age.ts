import { AimError } from "../../errors.js";
import { scryptIdentity } from "./scrypt.js";
import { sealPayload } from "./stream.js";

type AgeModule = typeof import("age-encryption");
let lib: AgeModule | undefined;
// age-encryption and its crypto are loaded only when a vault is really read or written.
const age = async (): Promise<AgeModule> => (lib ??= await import("age-encryption"));

const ARMOR = "-----BEGIN AGE ENCRYPTED FILE-----";
const text = (b: Uint8Array) => Buffer.from(b).toString("latin1");

export const corrupt = (path: string, why: string): AimError =>
  new AimError("VAULT_CORRUPT", `the vault ${path} is damaged or not an age file (${why}); nothing was changed`, {
    hint: `the previous version is kept in ${path}.bak: check it with age -d '${path}.bak', then restore it with cp`,
  });

/** The binary age file, whether it was written binary (aim, age -p) or armored (age -p -a). */
export async function toBinary(bytes: Uint8Array, path: string): Promise<Uint8Array> {
  if (!text(bytes.subarray(0, ARMOR.length)).startsWith(ARMOR)) return bytes;
  try {
    return (await age()).armor.decode(text(bytes));
  } catch (err) {
    throw corrupt(path, (err as Error).message);
  }
}

/** The header: from the version line up to and including the `--- MAC` line. */
export function splitHeader(bin: Uint8Array, path: string): Uint8Array {
  const s = text(bin.subarray(0, 64 * 1024));
  if (!s.startsWith("age-encryption.org/v1\n")) throw corrupt(path, "no age-encryption.org/v1 header");
  const mac = s.indexOf("\n--- ");
  const end = mac < 0 ? -1 : s.indexOf("\n", mac + 1);
  if (end < 0) throw corrupt(path, "the header is cut short");
  if (!/\n-> scrypt /.test(s.slice(0, mac + 1))) {
    throw new AimError("VAULT_CORRUPT", `the vault ${path} is not encrypted with a passphrase`, {
      hint: `re-encrypt it with a passphrase: age -d … | age -p -o '${path}'`,
    });
  }
  return bin.subarray(0, end + 1);
}

/** The file key behind a header, from the passphrase (one scrypt: seconds, on purpose). */
export async function fileKeyFromPassphrase(header: Uint8Array, passphrase: string, from: string, path: string): Promise<Uint8Array> {
  const d = new (await age()).Decrypter();
  d.addIdentity(scryptIdentity(passphrase));
  try {
    return await d.decryptHeader(header);
  } catch (err) {
    if (/no identity matched/.test((err as Error).message)) {
      throw new AimError("VAULT_PASSPHRASE", `${from} does not open the vault ${path}; nothing was changed`, {
        hint: "check the passphrase and try again (age -d shows what the vault holds)",
      });
    }
    throw corrupt(path, (err as Error).message);
  }
}

/** Decrypts the whole file with a known file key (the header MAC is checked by age-encryption). */
export async function openWithKey(bin: Uint8Array, fileKey: Uint8Array, path: string): Promise<string> {
  const d = new (await age()).Decrypter();
  d.addIdentity({ unwrapFileKey: () => fileKey });
  try {
    return await d.decrypt(bin, "text");
  } catch (err) {
    throw corrupt(path, (err as Error).message);
  }
}

/** The same header (so the same passphrase opens it) over a freshly encrypted payload. */
export const sealWithKey = (header: Uint8Array, fileKey: Uint8Array, plaintext: string): Uint8Array =>
  Buffer.concat([header, sealPayload(fileKey, Buffer.from(plaintext, "utf8"))]);

/** A new vault for a new passphrase: exactly what `age -p` writes. */
export async function sealNew(plaintext: string, passphrase: string, workFactor: number): Promise<Uint8Array> {
  const e = new (await age()).Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(workFactor);
  return e.encrypt(plaintext);
}
