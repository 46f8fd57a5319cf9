import { webcrypto } from "node:crypto";
import { isIP } from "node:net";
import { createSecureContext, type SecureContext } from "node:tls";

// The broker's certificate authority: ECDSA P-256 (RSA key generation alone costs tens of
// milliseconds), made in memory with @peculiar/x509 on WebCrypto. The CA's private key is a
// non-extractable CryptoKey: it cannot be exported, so it is never written anywhere. One
// leaf key serves every host; a leaf certificate is signed per host on first use and kept.
// @peculiar/x509 loads here, through a dynamic import, only when a command is brokered.

const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 24 * 3600 * 1000;

type X509 = typeof import("@peculiar/x509");

export interface Ca {
  /** The CA certificate, PEM: what a brokered command trusts. */
  certPem: string;
  /** A TLS context presenting a certificate for `host` (a name or an IP address), signed by the CA. */
  contextFor(host: string): Promise<SecureContext>;
}

const serial = () => `01${Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString("hex")}`;

async function loadX509(): Promise<X509> {
  // tsyringe, which @peculiar/x509 uses inside, demands a Reflect metadata polyfill.
  await import("@abraham/reflection");
  // A CommonJS build under some loaders: its exports come as `default`.
  const mod = (await import("@peculiar/x509")) as X509 & { default?: X509 };
  const x509 = mod.cryptoProvider ? mod : (mod.default as X509);
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  return x509;
}

export async function createCa(): Promise<Ca> {
  const [x509, caKeys, leafKeys] = await Promise.all([
    loadX509(),
    webcrypto.subtle.generateKey(ALG, false, ["sign", "verify"]),
    webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"]),
  ]);
  const now = Date.now();
  const name = `CN=aim broker ${serial().slice(2, 10)}, O=aim`;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name,
    keys: caKeys,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 30 * DAY),
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const certPem = ca.toString("pem");
  // The leaf key lives in this process's memory only, as a PEM string for node:tls.
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", leafKeys.privateKey));
  const leafKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END PRIVATE KEY-----\n`;
  const aki = await x509.AuthorityKeyIdentifierExtension.create(ca, false);
  const contexts = new Map<string, Promise<SecureContext>>();
  const sign = async (host: string): Promise<SecureContext> => {
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${host.replace(/[,+="\\<>;#]/g, "")}`,
      issuer: ca.subject,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 30 * DAY - 1000),
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: isIP(host) ? "ip" : "dns", value: host }]),
        aki,
      ],
    });
    return createSecureContext({ key: leafKeyPem, cert: `${leaf.toString("pem")}\n${certPem}`, minVersion: "TLSv1.2" });
  };
  return {
    certPem,
    contextFor(host) {
      let ctx = contexts.get(host);
      if (!ctx) {
        ctx = sign(host);
        contexts.set(host, ctx);
        ctx.catch(() => contexts.delete(host));
      }
      return ctx;
    },
  };
}
