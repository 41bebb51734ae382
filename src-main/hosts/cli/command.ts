/** A CLI command: its usage lines (Swedish and English) and what it does; returns the exit status. */
export interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Bad usage: reported in Swedish and English with the usage text, exit status 2. */
export class UsageError extends Error {}

export function writeJsonLine(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}
