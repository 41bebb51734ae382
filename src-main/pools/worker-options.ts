import { pathToFileURL } from 'node:url';

/**
 * Options every pool shares. Built apps load compiled workers; the CLI and the
 * tests run from source, so TypeScript workers get the tsx loader.
 */
export function workerOptions(workerFile: string): { filename: string; execArgv?: string[] } {
  const filename = workerFile.startsWith('file:') ? workerFile : pathToFileURL(workerFile).href;
  return filename.endsWith('.ts') ? { filename, execArgv: [...process.execArgv, '--import', 'tsx'] } : { filename };
}
