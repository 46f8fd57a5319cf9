import pc from "picocolors";

// stderr is where every human message goes, so colour follows stderr, not stdout.
const colors = pc.createColors(
  !("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || (process.stderr.isTTY ?? false)),
);

const line = (text: string): void => {
  process.stderr.write(`${colors.dim("aim:")} ${text}\n`);
};

export const log = {
  info: (text: string): void => line(text),
  warn: (text: string): void => line(colors.yellow(text)),
  error: (text: string): void => line(colors.red(text)),
  colors,
};
