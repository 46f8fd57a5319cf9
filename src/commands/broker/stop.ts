import { stopBroker } from "../../broker/user-client.js";
import { log } from "../../runtime/log.js";

export async function run(): Promise<number> {
  const pid = await stopBroker();
  log.info(
    pid === null
      ? "no per-user broker was running; nothing to do"
      : `stopped the per-user broker (pid ${pid}); its placeholders no longer work`,
  );
  return 0;
}
