import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";

const CHUNK = 64 * 1024;

/**
 * The age v1 payload for `plaintext` under an existing file key: a fresh 16-byte nonce,
 * then STREAM (ChaCha20-Poly1305 over 64 KiB chunks, 11-byte big-endian counter, last
 * byte 1 on the final chunk). See c2sp.org/age, "Payload".
 *
 * Why aim writes this itself: age-encryption's Encrypter always draws a new file key, and
 * wrapping a new file key for a passphrase costs a full scrypt (about 2 s at age's default
 * work factor). The spec lets a file be re-encrypted under its header's file key "as a new
 * file with a fresh nonce": the payload key is HKDF(file key, nonce), so it is new every
 * time. One scrypt per unlock instead of one per write; the result is checked against
 * age-encryption's Decrypter in test/store/vault-stream.test.ts and against age(1) in e2e.
 */
export function sealPayload(fileKey: Uint8Array, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(16);
  const key = Buffer.from(hkdfSync("sha256", fileKey, nonce, "payload", 32));
  const parts: Buffer[] = [nonce];
  const count = Math.max(1, Math.ceil(plaintext.length / CHUNK));
  for (let i = 0; i < count; i++) {
    const iv = Buffer.alloc(12);
    iv.writeUIntBE(i, 5, 6); // the low 6 of the 11 counter bytes: enough for 16 EiB
    if (i === count - 1) iv[11] = 1;
    const cipher = createCipheriv("chacha20-poly1305", key, iv, { authTagLength: 16 });
    parts.push(cipher.update(plaintext.subarray(i * CHUNK, (i + 1) * CHUNK)), cipher.final(), cipher.getAuthTag());
  }
  return Buffer.concat(parts);
}
