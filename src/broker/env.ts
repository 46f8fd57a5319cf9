import type { Session } from "./proxy.js";
import type { SessionFiles } from "./session-files.js";

/** The variables a brokered command gets besides its placeholders (what the hook unsets on leaving). */
export const PROXY_VARIABLES = [
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "https_proxy",
  "http_proxy",
  "NODE_USE_ENV_PROXY",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "CODEX_CA_CERTIFICATE",
  "REQUESTS_CA_BUNDLE",
  "CURL_CA_BUNDLE",
  "GIT_SSL_CAINFO",
] as const;

/** Every variable a brokered session sets besides its placeholders: the proxy and CA ones, and NODE_OPTIONS (see quietProxyWarning). */
export const BROKER_VARIABLES = [...PROXY_VARIABLES, "NODE_OPTIONS"] as const;

/** The proxy and CA variables for `session`, whose CA files are `files`. */
export function proxyVariables(
  session: Pick<Session, "proxyUrl">,
  files: Pick<SessionFiles, "ca" | "bundle">,
): Record<(typeof PROXY_VARIABLES)[number], string> {
  const url = session.proxyUrl;
  return {
    HTTPS_PROXY: url,
    HTTP_PROXY: url,
    https_proxy: url,
    http_proxy: url,
    NODE_USE_ENV_PROXY: "1",
    NODE_EXTRA_CA_CERTS: files.ca,
    SSL_CERT_FILE: files.bundle,
    CODEX_CA_CERTIFICATE: files.bundle,
    REQUESTS_CA_BUNDLE: files.bundle,
    CURL_CA_BUNDLE: files.bundle,
    GIT_SSL_CAINFO: files.bundle,
  };
}

/**
 * The command's environment: `env` with each brokered key's value replaced by its
 * placeholder and the proxy variables set. NO_PROXY entries are dropped for nothing: a
 * loopback NO_PROXY only keeps the command off the proxy, which is then its own choice.
 */
export function brokeredEnv(
  env: NodeJS.ProcessEnv,
  session: Pick<Session, "proxyUrl" | "placeholders">,
  files: Pick<SessionFiles, "ca" | "bundle">,
): NodeJS.ProcessEnv {
  return {
    ...env,
    ...session.placeholders,
    ...proxyVariables(session, files),
    NODE_OPTIONS: quietProxyWarning(env.NODE_OPTIONS),
  };
}

const PROXY_WARNING = "--disable-warning=UNDICI-EHPA";

/**
 * The command's NODE_OPTIONS with Node 22's "EnvHttpProxyAgent is experimental" warning
 * turned off: NODE_USE_ENV_PROXY is aim's choice, not the user's, and the warning would
 * print on the first fetch of every Node program the command starts (in an agent's TUI,
 * too). Only that one warning; the user's own options are kept, in front. Node 20.11 and
 * later take the option (aim itself needs 20.17).
 */
export function quietProxyWarning(options: string | undefined): string {
  const own = options?.trim() ?? "";
  if (own.split(/\s+/).includes(PROXY_WARNING)) return own;
  return own === "" ? PROXY_WARNING : `${own} ${PROXY_WARNING}`;
}
