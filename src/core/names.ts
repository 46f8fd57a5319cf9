import { AimError } from "../errors.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const isKeyName = (name: string): boolean => ENV_NAME.test(name);

/** Throws unless `name` is usable as an environment variable name. */
export function assertKeyName(name: string): string {
  if (!isKeyName(name)) {
    const shown = name === "" ? "an empty name" : JSON.stringify(name);
    throw new AimError("BAD_KEY_NAME", `${shown} is not an environment variable name`);
  }
  return name;
}

/** Splits a comma list from the command line (`--keys A,B`) and validates each name. */
export function parseKeyList(list: string): string[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(assertKeyName);
}
