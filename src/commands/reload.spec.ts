import { defineCommand } from "../cli/spec.js";

export const reload = defineCommand({
  name: "reload",
  summary: "make the shell hook reload at the next prompt",
  description: `Make every shell with aim's hook ask aim again at its next prompt, as if you had left the
folder and come back: keys are fetched from the keyring anew. aim allow, aim deny and
aim secrets set/delete do this by themselves.`,
  load: () => import("./reload.js"),
});
