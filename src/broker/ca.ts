import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";
import { createSecureContext, type SecureContext } from "node:tls";

// The broker's certificate authority: ECDSA P-256 keys from node:crypto (RSA key generation
// alone costs tens of milliseconds), certificates encoded with @peculiar/asn1-x509 (RFC 5280's
// structures) and signed by node:crypto. The CA's private key is a KeyObject that is never
// exported, so it exists in this process's memory only. One leaf key serves every host; a
// leaf certificate is signed per host on first use (or ahead, by warm) and kept.
// asn1-x509 loads here, through a dynamic import, only when a command is brokered. It is the
// ASN.1 layer of @peculiar/x509 without that library's dependency injection container and
// providers, whose loading alone cost about 40 ms of every brokered start-up (bench/README.md).

type Schema = typeof import("@peculiar/asn1-schema");
type Asn = typeof import("@peculiar/asn1-x509") & Pick<Schema, "AsnConvert" | "OctetString">;

const DAY = 24 * 3600 * 1000;
const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const COMMON_NAME = "2.5.4.3";
const ORGANIZATION = "2.5.4.10";

export interface Ca {
  /** The CA certificate, PEM: what a brokered command trusts. */
  certPem: string;
  /** A TLS context presenting a certificate for `host` (a name or an IP address), signed by the CA. */
  contextFor(host: string): Promise<SecureContext>;
}

async function loadAsn(): Promise<Asn> {
  const [x509, schema] = await Promise.all([import("@peculiar/asn1-x509"), import("@peculiar/asn1-schema")]);
  return { ...x509, AsnConvert: schema.AsnConvert, OctetString: schema.OctetString };
}

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${der.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END ${label}-----\n`;

// A positive serial of 16 random bytes (RFC 5280: at most 20 octets, non-negative).
const serial = (): ArrayBuffer => {
  const b = randomBytes(16);
  b[0] = ((b[0] as number) & 0x7f) | 0x01;
  return new Uint8Array(b).buffer;
};

export async function createCa(): Promise<Ca> {
  const asn = await loadAsn();
  const { AsnConvert } = asn;
  const caKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const leafKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = (key: KeyObject) => AsnConvert.parse(key.export({ type: "spki", format: "der" }), asn.SubjectPublicKeyInfo);
  const caSpki = spki(caKeys.publicKey);
  // The key identifier: SHA-1 of the public key's bits (RFC 5280, 4.2.1.2, method 1).
  const caKeyId = createHash("sha1").update(new Uint8Array(caSpki.subjectPublicKey)).digest();
  const leafSpki = spki(leafKeys.publicKey);
  const now = Date.now();
  const validity = new asn.Validity({ notBefore: new Date(now - DAY), notAfter: new Date(now + 30 * DAY) });
  const name = (cn: string, org?: string) =>
    new asn.Name([
      ...(org ? [new asn.RelativeDistinguishedName([attribute(asn, ORGANIZATION, org)])] : []),
      new asn.RelativeDistinguishedName([attribute(asn, COMMON_NAME, cn)]),
    ]);
  const caName = name(`aim broker ${randomBytes(4).toString("hex")}`, "aim");
  const extension = (extnID: string, critical: boolean, value: object) =>
    new asn.Extension({ extnID, critical, extnValue: new asn.OctetString(AsnConvert.serialize(value)) });
  const authorityKeyId = extension(
    asn.id_ce_authorityKeyIdentifier,
    false,
    new asn.AuthorityKeyIdentifier({ keyIdentifier: new asn.KeyIdentifier(caKeyId) }),
  );

  const issue = (
    subject: InstanceType<Asn["Name"]>,
    publicKey: InstanceType<Asn["SubjectPublicKeyInfo"]>,
    extensions: InstanceType<Asn["Extension"]>[],
  ) => {
    const algorithm = new asn.AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
    const tbs = new asn.TBSCertificate({
      version: asn.Version.v3,
      serialNumber: serial(),
      signature: algorithm,
      issuer: caName,
      validity,
      subject,
      subjectPublicKeyInfo: publicKey,
      extensions: new asn.Extensions(extensions),
    });
    const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
    // node:crypto signs ECDSA in DER (ECDSA-Sig-Value), as X.509 wants it.
    const signatureValue = sign("sha256", tbsDer, caKeys.privateKey);
    const cert = new asn.Certificate({
      tbsCertificate: tbs,
      signatureAlgorithm: algorithm,
      signatureValue: new Uint8Array(signatureValue).buffer,
    });
    return pem("CERTIFICATE", Buffer.from(AsnConvert.serialize(cert)));
  };

  const certPem = issue(caName, caSpki, [
    extension(asn.id_ce_basicConstraints, true, new asn.BasicConstraints({ cA: true, pathLenConstraint: 0 })),
    extension(asn.id_ce_keyUsage, true, new asn.KeyUsage(asn.KeyUsageFlags.keyCertSign | asn.KeyUsageFlags.cRLSign)),
    extension(asn.id_ce_subjectKeyIdentifier, false, new asn.SubjectKeyIdentifier(caKeyId)),
  ]);
  // The leaf key lives in this process's memory only, as a PEM string for node:tls.
  const leafKeyPem = leafKeys.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const contexts = new Map<string, Promise<SecureContext>>();
  const signFor = async (host: string): Promise<SecureContext> => {
    const leaf = issue(name(host.replace(/[^A-Za-z0-9.:*-]/g, "")), leafSpki, [
      extension(asn.id_ce_basicConstraints, true, new asn.BasicConstraints({ cA: false })),
      extension(asn.id_ce_keyUsage, true, new asn.KeyUsage(asn.KeyUsageFlags.digitalSignature)),
      extension(asn.id_ce_extKeyUsage, false, new asn.ExtendedKeyUsage([asn.id_kp_serverAuth])),
      extension(
        asn.id_ce_subjectAltName,
        false,
        new asn.SubjectAlternativeName([new asn.GeneralName(isIP(host) ? { iPAddress: host } : { dNSName: host })]),
      ),
      authorityKeyId,
    ]);
    return createSecureContext({ key: leafKeyPem, cert: `${leaf}${certPem}`, minVersion: "TLSv1.2" });
  };
  return {
    certPem,
    contextFor(host) {
      let ctx = contexts.get(host);
      if (!ctx) {
        ctx = signFor(host);
        contexts.set(host, ctx);
        ctx.catch(() => contexts.delete(host));
      }
      return ctx;
    },
  };
}

function attribute(asn: Asn, type: string, text: string) {
  return new asn.AttributeTypeAndValue({ type, value: new asn.AttributeValue({ utf8String: text }) });
}
