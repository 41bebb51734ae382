import { parseArgs } from 'node:util';
import { Language } from '../../../shared/contracts/domain';
import { analyse } from './analyse';
import { createCliHost } from './compose';

const USAGE = `huledu — HuleEdu från kommandoraden / HuleEdu from the command line

  huledu analyse PATH... [--lang sv|en] [--json]
      Läser filer, mappar och .zip som appen gör och visar resultatet per fil.
      Reads files, folders and .zip files as the app does and reports each file.
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'analyse':
      return runAnalyse(rest);
    default:
      throw new UsageError(`Okänt kommando "${command}" / Unknown command "${command}"`);
  }
}

async function runAnalyse(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string', default: 'sv' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) throw new UsageError('Ange minst en fil eller mapp / Give at least one file or folder');
  const language = Language.safeParse(values.lang);
  if (!language.success) throw new UsageError(`--lang måste vara sv eller en / --lang must be sv or en`);

  const host = createCliHost();
  try {
    const essays = await analyse(host, positionals, language.data);
    if (values.json) {
      process.stdout.write(JSON.stringify({ essays }) + '\n');
    } else {
      for (const e of essays) {
        const detail = e.status === 'accepted' ? `${e.words} ord/words` : `${e.code}: ${e.message?.sv}`;
        process.stdout.write(`${e.status === 'accepted' ? '✓' : '✗'} ${e.file}  ${detail}\n`);
      }
    }
    return 0;
  } finally {
    await host.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if ((error as { code?: string }).code === 'ENOENT') {
      process.stderr.write(`Filen finns inte / No such file: ${(error as { path?: string }).path}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Fel / Error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
