// The environment variables aim reads and the files it uses, as data: the man page's
// ENVIRONMENT and FILES sections (scripts/gen-man.mjs) and docs/config.md's table come from
// here. test/scripts/gen-man.test.ts fails when src/ reads an AIM_* variable that is not
// listed, and test/docs/examples.test.ts when docs/config.md lacks one.

export interface EnvVar {
  name: string;
  /** What it holds; the default in words. */
  text: string;
}

export const ENVIRONMENT: readonly EnvVar[] = [
  {
    name: "AIM_BACKEND",
    text: "where values live: keyring, file (the encrypted vault) or auto. Wins over backend in the global config; default auto (the keyring when there is one).",
  },
  {
    name: "AIM_CONFIG_DIR",
    text: "the folder of the global config (config.json or config.yaml). Default $XDG_CONFIG_HOME/aim, else ~/.config/aim.",
  },
  {
    name: "AIM_DATA_DIR",
    text: "the folder of aim's data: secrets.json (metadata), trust.json, vault.age, identity.age, the hook's stamp files. Default $XDG_DATA_HOME/aim, else ~/.local/share/aim.",
  },
  {
    name: "AIM_BROKER_CONNECT_TO",
    text: "HOST:PORT:ADDR:PORT[,…] (curl's --connect-to): the broker sends its upstream connections for HOST:PORT to ADDR:PORT; TLS is still verified for HOST. For tests and split DNS.",
  },
  {
    name: "AIM_BROKER_IDLE",
    text: "how long the per-user broker of the shell hook runs with no shell session open: 90 (seconds), 90s, 30m. Default 30m.",
  },
  { name: "AIM_PASS_TIMEOUT", text: "seconds aim waits for pass (a smartcard, a hung mount) before it stops it and says so. Default 10." },
  { name: "AIM_KEYRING_SERVICE", text: "the keyring service the keys are stored under. Default aim." },
  {
    name: "AIM_PROFILE",
    text: "the profile plain names are read from when neither --profile nor the .aimrc's profile says one. Default: the default profile.",
  },
  { name: "AIM_QUIET", text: "1 hides the shell hook's +KEY -KEY line; warnings still show." },
  {
    name: "AIM_VAULT_PASSPHRASE",
    text: "the file vault's passphrase, for CI and scripts (no prompt, no agent). Never passed on to the vault agent.",
  },
  {
    name: "AIM_VAULT_TIMEOUT",
    text: "how long the vault agent stays unlocked while unused: 90 (seconds), 90s, 30m, 4h. Default 4h; aim vault unlock --timeout wins.",
  },
  { name: "AIM_VAULT_WORK_FACTOR", text: "scrypt's log2 work factor for a new vault. Default 18 (age's); lower is faster and weaker." },
  {
    name: "AIM_IDENTITY",
    text: "an age identity (AGE-SECRET-KEY-1...) that opens team files, for CI; without it the member's identity comes from their own keyring or vault.",
  },
  { name: "AIM_CLIPBOARD_SECONDS", text: "seconds before aim secrets get --clipboard clears the clipboard. Default 45." },
  {
    name: "AIM_DEBUG",
    text: "any value: an internal error prints its stack mapped to aim's sources, the vault agent's standard error is shown, and a keyring read says which path it took.",
  },
];

export interface FileEntry {
  path: string;
  text: string;
}

export const FILES: readonly FileEntry[] = [
  {
    path: '.aimrc, .aimrc.json, .aimrc.yaml, .aimrc.yml, package.json (its "aim" field)',
    text: "a project's keys, found by walking up from the working directory; the nearest governs, once approved with aim allow.",
  },
  {
    path: "$AIM_CONFIG_DIR/config.json or config.yaml (config.yml)",
    text: "the global config: keys, optional, mask, tools, backend. Exactly one of them.",
  },
  { path: "$AIM_DATA_DIR/secrets.json", text: "descriptions and times of the stored keys, one record per key per store; never a value." },
  { path: "$AIM_DATA_DIR/trust.json", text: "the approved project files: path, content hash, the validated key names." },
  {
    path: "$AIM_DATA_DIR/vault.age, vault.age.bak",
    text: "the encrypted file vault (age, passphrase) and the copy before the last write.",
  },
  { path: "$AIM_DATA_DIR/identity.age", text: "your team-file identity on the file backend, under the vault passphrase." },
  { path: "$AIM_DATA_DIR/hook/", text: "the shell hook's empty marker and reload stamp files." },
  {
    path: "$XDG_RUNTIME_DIR/aim-UID/agent-*.sock",
    text: "the vault agent's socket (else in the temp folder), mode 0600 in a 0700 folder.",
  },
  {
    path: ".aim/team.age, .aim/recipients",
    text: "a project's team file and the public keys it is encrypted to, committed to the repository.",
  },
];
