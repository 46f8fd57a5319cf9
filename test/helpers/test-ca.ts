import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Runs openssl; a failure throws with its stderr (a missing openssl fails the test loudly). */
function openssl(args: string[], cwd: string): void {
  const r = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.error?.message ?? r.stderr}`);
}

/**
 * A test's own certificate authority (ECDSA P-256, made by the real openssl in `dir`) and a
 * server certificate it signs for `hosts` (names, and 127.0.0.1 as an IP address). aim trusts
 * it only through the NODE_EXTRA_CA_CERTS the test gives aim, as a user's company root would be.
 */
export function makeTestCa(dir: string, hosts: string[]): { caFile: string; key: string; cert: string } {
  const p256 = (key: string) => ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key];
  const caExt = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];
  openssl(["req", "-x509", ...p256("ca.key"), "-out", "ca.pem", "-subj", "/CN=aim test upstream CA", "-days", "2", ...caExt], dir);
  openssl(["req", ...p256("srv.key"), "-out", "srv.csr", "-subj", "/CN=aim test upstream"], dir);
  const san = [...hosts.map((h) => `DNS:${h}`), "IP:127.0.0.1"].join(",");
  writeFileSync(join(dir, "ext.cnf"), `subjectAltName=${san}\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  const sign = ["-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf"];
  openssl(["x509", "-req", "-in", "srv.csr", "-out", "srv.pem", ...sign], dir);
  return { caFile: join(dir, "ca.pem"), key: readFileSync(join(dir, "srv.key"), "utf8"), cert: readFileSync(join(dir, "srv.pem"), "utf8") };
}
