// The Node 20 floor for aim exec: a bare script that only spawns `true` and exits with its code.
import { spawn } from "node:child_process";
spawn("true", [], { stdio: "inherit" }).on("exit", (code) => process.exit(code ?? 1));
