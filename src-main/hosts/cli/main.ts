import { aiJudgeCommand } from './commands/ai-judge';
import { analyseCommand } from './commands/analyse';
import { cjCommand } from './commands/cj';
import { exportCommand } from './commands/export';
import { spellCommand } from './commands/spell';
import { InputError } from '../../core/input-error';
import { UsageError, type Command } from './command';

/** Every command of the CLI. A new command adds its file in commands/ and one line here. */
const commands: Record<string, Command> = {
  'ai-judge': aiJudgeCommand,
  analyse: analyseCommand,
  cj: cjCommand,
  export: exportCommand,
  spell: spellCommand,
};

const usage = (): string =>
  `huledu — HuleEdu från kommandoraden / HuleEdu from the command line\n\n${Object.values(commands)
    .map((c) => c.usage)
    .join('\n\n')}\n`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Okänt kommando "${name}" / Unknown command "${name}"`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    if (error instanceof InputError || code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${usage()}`);
      process.exitCode = 2;
    } else if (code === 'ENOENT') {
      process.stderr.write(`Filen finns inte / No such file: ${(error as { path?: string }).path}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Fel / Error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
