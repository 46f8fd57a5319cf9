import { defineCommand } from "../spec.js";
import { brokerStatus, brokerStop } from "./broker-process.js";

export const broker = defineCommand({
  name: "broker",
  summary: "the broker: keys that commands use but never see",
  description: `The broker hands brokered commands placeholders instead of key values and puts the real
value on the wire, only in requests to the hosts each key is bound to.`,
  subcommands: [brokerStatus, brokerStop],
});
