import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The places OpenSSL-based tools find the system's CA bundle (Debian/Ubuntu/Alpine/Arch,
// Fedora/RHEL, openSUSE, macOS/BSD); SSL_CERT_FILE, when the user set one, comes first.
const BUNDLES = [
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/ca-bundle.pem",
  "/etc/ssl/cert.pem",
  "/usr/local/etc/openssl/cert.pem",
];

let bundle: { path: string; pem: string } | null | undefined;

/** The system's CA bundle (path and PEM), or null when there is none. */
export function systemBundle(env: NodeJS.ProcessEnv = process.env): { path: string; pem: string } | null {
  if (bundle !== undefined) return bundle;
  for (const path of [env.SSL_CERT_FILE, ...BUNDLES]) {
    if (!path) continue;
    try {
      const pem = readFileSync(path, "utf8");
      if (pem.includes("-----BEGIN CERTIFICATE-----")) {
        bundle = { path, pem };
        return bundle;
      }
    } catch {}
  }
  bundle = null;
  return bundle;
}

export interface SessionFiles {
  /** The 0700 folder; removeSessionFiles deletes it. */
  dir: string;
  /** The session CA alone (NODE_EXTRA_CA_CERTS). */
  ca: string;
  /** The system bundle followed by the session CA (SSL_CERT_FILE and the others). */
  bundle: string;
}

/** Writes the CA certificate (never a key) into a new 0700 folder under `parent` (default: the temp folder). */
export function writeSessionFiles(caPem: string, parent = tmpdir()): SessionFiles {
  const dir = mkdtempSync(join(parent, "aim-broker-"));
  const files = { dir, ca: join(dir, "ca.pem"), bundle: join(dir, "bundle.pem") };
  try {
    writeFileSync(files.ca, caPem, { mode: 0o600 });
    const sys = systemBundle();
    writeFileSync(files.bundle, `${sys ? `${sys.pem.replace(/\n*$/, "\n")}` : ""}${caPem}`, { mode: 0o600 });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return files;
}

export const removeSessionFiles = (files: SessionFiles): void => rmSync(files.dir, { recursive: true, force: true });
