import { dirname } from "node:path";
import { findProjectConfig } from "./config.js";
import { TeamFiles } from "../store/team/file.js";

/** The folder of the project file governing `cwd`, else `cwd` itself: where its team files are. */
export async function projectDirOf(cwd = process.cwd()): Promise<string> {
  const found = await findProjectConfig(cwd);
  return found ? dirname(found.filepath) : cwd;
}

/** The team files of the project governing `cwd`: beside its .aimrc, else in `cwd` itself. */
export async function teamHere(cwd = process.cwd()): Promise<TeamFiles> {
  return new TeamFiles(await projectDirOf(cwd));
}
