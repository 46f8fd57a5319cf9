import { dirname } from "node:path";
import { findProjectConfig } from "./config.js";
import { TeamFiles } from "../store/team/file.js";
import { foreignReason } from "./ownership.js";

/** The team files of the project governing `cwd`: beside its .aimrc, else in `cwd` itself. */
export async function teamHere(cwd = process.cwd()): Promise<TeamFiles> {
  const found = await findProjectConfig(cwd);
  return new TeamFiles(found ? dirname(found.filepath) : cwd, foreignReason);
}
