import { runFor } from "./allow.js";

export const run = runFor("deny");
