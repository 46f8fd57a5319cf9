import { realpathSync } from "node:fs";

/** Absolute node and aim for a rewritten server: a GUI client passes no PATH to find either. */
export function aimPaths(): { node: string; aim: string } {
  const script = process.argv[1] as string;
  let aim = script;
  try {
    aim = realpathSync(script); // npm link and global installs put a symlink on PATH
  } catch {}
  return { node: process.execPath, aim };
}
