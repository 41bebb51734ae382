import { fileURLToPath } from 'node:url';

/** A path in the repository, for hosts that run from source (the CLI, tests): the worker sources, the sample essays. */
export const repoPath = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
