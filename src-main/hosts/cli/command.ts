import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Language } from '../../../shared/contracts/domain';
import type { ClassListErrorCode, PupilName } from '../../../shared/contracts/pupils';
import { translate } from '../../../shared/i18n';
import { classListLimits } from '../../../shared/pupils/class-list';
import { InputError } from '../../core/input-error';
import { readClassList } from '../../pupils/class-list-file';

/** A CLI command: its usage lines (Swedish and English) and what it does; returns the exit status. */
export interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Bad usage: reported in Swedish and English with the usage text, exit status 2. */
export class UsageError extends InputError {}

export function writeJsonLine(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options several commands share, declared once. */
export const commonOptions = {
  lang: { type: 'string', default: 'sv' },
  json: { type: 'boolean', default: false },
} as const satisfies Options;

/**
 * A command's arguments: its options (unknown ones are bad usage), and the
 * positionals, of which at least one is needed when `needs` says what.
 */
export function parseCommand<const O extends Options>(args: string[], options: O, needs?: { sv: string; en: string }) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  if (needs && positionals.length === 0) throw new UsageError(`${needs.sv} / ${needs.en}`);
  return { values, positionals };
}

/** `--lang`, checked. */
export function languageOption(value: unknown): Language {
  const language = Language.safeParse(value);
  if (!language.success) throw new UsageError('--lang måste vara sv eller en / --lang must be sv or en');
  return language.data;
}

/** `--class-list FILE` (.txt, .csv, .xlsx, read as the app reads it): its pupils, or bad input in Swedish and English (exit 2). */
export async function classListOption(path: string): Promise<PupilName[]> {
  const refuse = (code: ClassListErrorCode) => new InputError(`${translate('sv', `classList.error.${code}`)} / ${translate('en', `classList.error.${code}`)}`);
  // Refused on its size before it is read.
  if ((await stat(path)).size > classListLimits.maxFileBytes) throw refuse('CLASS_LIST_TOO_LARGE');
  const read = await readClassList(new Uint8Array(await readFile(path)), basename(path));
  if (!read.ok) throw refuse(read.code);
  return read.preview.pupils;
}
