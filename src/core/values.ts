import { AimError } from "../errors.js";

/** Strips the one trailing newline that `echo` or a here-doc adds. */
export const stripOneNewline = (text: string): string => text.replace(/\r?\n$/, "");

/** Throws unless `value` can be stored and handed to a process environment. */
export function assertStorableValue(key: string, value: string, source: string): string {
  if (value === "") {
    throw new AimError("BAD_VALUE", `the value for ${key} from ${source} is empty; nothing was stored`, {
      hint: `pipe the value in (printf %s "$VALUE" | aim secrets set ${key}) or run aim secrets set ${key} in a terminal`,
    });
  }
  if (value.includes("\0")) {
    throw new AimError("BAD_VALUE", `the value for ${key} contains a NUL byte, which no environment variable can hold`, {
      hint: "store the value base64-encoded instead",
    });
  }
  return value;
}
