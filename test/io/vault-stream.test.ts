import { Decrypter, Encrypter } from "age-encryption";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { openWithKey, sealWithKey, splitHeader } from "../../src/io/vault/age.js";
import { sealPayload } from "../../src/io/vault/stream.js";

// aim re-encrypts the vault under its existing header and file key (see stream.ts). These
// check that what it writes is a valid age file for the reference implementation.
const PASS = "unit-test-passphrase";

async function fresh() {
  const e = new Encrypter();
  e.setPassphrase(PASS);
  e.setScryptWorkFactor(4);
  const bin = await e.encrypt("first");
  const header = splitHeader(bin, "t");
  const d = new Decrypter();
  d.addPassphrase(PASS);
  return { header, fileKey: await d.decryptHeader(header) };
}

const seal = suite("re-encryption under the same header");
seal("age-encryption decrypts it with the passphrase, at every chunk boundary", async () => {
  const { header, fileKey } = await fresh();
  const CHUNK = 64 * 1024;
  for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17]) {
    const text = "é".repeat(Math.floor(size / 2)) + "x".repeat(size % 2);
    const bin = sealWithKey(header, fileKey, text);
    const d = new Decrypter();
    d.addPassphrase(PASS);
    assert.is(await d.decrypt(bin, "text"), text, `size ${size}`);
    assert.is(await openWithKey(bin, fileKey, "t"), text);
  }
});
seal("each write has a fresh nonce, so the same plaintext never gives the same bytes", async () => {
  const { fileKey } = await fresh();
  const a = sealPayload(fileKey, Buffer.from("same"));
  const b = sealPayload(fileKey, Buffer.from("same"));
  assert.is(a.length, 16 + 4 + 16);
  assert.not.equal(a.subarray(0, 16), b.subarray(0, 16));
  assert.not.equal(a, b);
});
seal("a flipped byte or a cut file is refused as damaged, not read", async () => {
  const { header, fileKey } = await fresh();
  const bin = Buffer.from(sealWithKey(header, fileKey, '{"A": "b"}\n'));
  const flipped = Buffer.from(bin);
  flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 1;
  for (const bad of [flipped, bin.subarray(0, bin.length - 5), bin.subarray(0, header.length + 16)]) {
    try {
      await openWithKey(bad, fileKey, "/v");
      assert.unreachable();
    } catch (e) {
      assert.is((e as { code?: string }).code, "VAULT_CORRUPT");
    }
  }
});
seal.run();
