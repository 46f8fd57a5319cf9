import { askBroker } from "../../broker/user-client.js";
import { brokerDir } from "../../broker/user-paths.js";
import { log } from "../../runtime/log.js";
import type { Input } from "../../cli/spec.js";
import type { brokerStatusOptions } from "../broker.spec.js";

const seconds = (ms: number) => Math.round(ms / 1000);
const span = (s: number) => (s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`);

export async function run({ values }: Input<typeof brokerStatusOptions>): Promise<number> {
  const folder = brokerDir();
  const s = (await askBroker({ op: "status" }, process.env, 5_000))?.status;
  if (values.json) {
    const report = s
      ? {
          running: true,
          pid: s.pid,
          port: s.port,
          startedAt: s.startedAt,
          sessions: s.sessions,
          idleSeconds: seconds(s.idleMs),
          idleLimitSeconds: seconds(s.idleLimitMs),
          folder,
        }
      : { running: false, pid: null, port: null, startedAt: null, sessions: [], idleSeconds: null, idleLimitSeconds: null, folder };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return s ? 0 : 1;
  }
  if (!s) {
    log.info("no per-user broker runs; a shell hook starts one when it enters a project with broker: true");
    return 1;
  }
  const n = s.sessions.length;
  log.info(
    `the per-user broker runs: pid ${s.pid}, proxy on 127.0.0.1:${s.port}, ${n} shell session${n === 1 ? "" : "s"}, state in ${folder}`,
  );
  for (const x of s.sessions) log.info(`  shell ${x.shell}: ${x.keys.join(", ") || "(no keys)"} since ${x.openedAt}`);
  const idle = span(seconds(s.idleMs));
  log.info(
    n > 0
      ? `idle for ${idle}; it stops ${span(seconds(s.idleLimitMs))} after its last session ends`
      : `idle for ${idle}; it stops when that reaches ${span(seconds(s.idleLimitMs))}`,
  );
  return 0;
}
