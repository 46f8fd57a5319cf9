import { touchReload } from "../runtime/hook-files.js";

export async function run(): Promise<number> {
  touchReload();
  return 0;
}
