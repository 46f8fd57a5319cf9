// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { Decrypter, Encrypter } from "age-encryption";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { fileKeyFromPassphrase, openWithKey, sealWithKey, splitHeader } from "../../src/store/vault/age.js";
import { sealPayload } from "../../src/store/vault/stream.js";

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

const kdf = suite("unlocking with Node's scrypt");
kdf("gives the same file key as age-encryption's own scrypt identity", async () => {
  for (const factor of [1, 4, 12]) {
    const e = new Encrypter();
    e.setPassphrase(PASS);
    e.setScryptWorkFactor(factor);
    const header = splitHeader(await e.encrypt("x"), "t");
    const d = new Decrypter();
    d.addPassphrase(PASS);
    const ours = Buffer.from(await fileKeyFromPassphrase(header, PASS, "p", "t")).toString("hex");
    assert.is(ours, Buffer.from(await d.decryptHeader(header)).toString("hex"), `factor ${factor}`);
  }
});
kdf("a wrong passphrase is VAULT_PASSPHRASE; a tampered stanza is VAULT_CORRUPT", async () => {
  const { header } = await fresh();
  const code = (p: Promise<unknown>) =>
    p.then(
      () => "none",
      (e: { code?: string }) => e.code,
    );
  assert.is(await code(fileKeyFromPassphrase(header, "not it", "p", "t")), "VAULT_PASSPHRASE");
  const text = Buffer.from(header).toString("latin1");
  const bad = [
    text.replace(/-> scrypt (\S+) 4/, "-> scrypt $1 04"),
    text.replace(/-> scrypt (\S+) 4/, "-> scrypt AAAA 4"),
    text.replace(/-> scrypt (\S+) 4/, "-> scrypt $1 21"),
  ];
  for (const b of bad)
    assert.is(await code(fileKeyFromPassphrase(Buffer.from(b, "latin1"), PASS, "p", "t")), "VAULT_CORRUPT", b.split("\n")[1]);
});
kdf.run();
