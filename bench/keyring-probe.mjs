// The floor under `aim exec` with N keys: a bare Node script that loads @napi-rs/keyring
// and fetches the keys, the way aim could at best. Prints nothing (values stay in memory).
//   node bench/keyring-probe.mjs find SERVICE            one call for the whole service
//   node bench/keyring-probe.mjs get SERVICE K1 K2 ...   one call per key, concurrently
import { AsyncEntry, findCredentialsAsync } from "@napi-rs/keyring";

const [how, service, ...keys] = process.argv.slice(2);
if (how === "find") {
  if ((await findCredentialsAsync(service)).length === 0) process.exit(3);
} else {
  const got = await Promise.all(keys.map((k) => new AsyncEntry(service, k).getPassword()));
  if (got.some((v) => v == null)) process.exit(3);
}
