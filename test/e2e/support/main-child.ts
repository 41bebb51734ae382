import { fork, type ChildProcess } from 'node:child_process';
import { repoPath } from '../../../src-main/app/repo-path';
import type { RendererConnection } from '../../../src-main/app/renderer-connection';

/** Starts the main-side services in a child process (main-process.ts), so a test can SIGKILL them; resolves once they listen. */
export async function forkMain(env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = fork(repoPath('test/e2e/support/main-process.ts'), {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`main exited with ${code}`)));
  });
  return child;
}

/** Relays a page connection to the given main process over Node IPC. */
export function relay(child: ChildProcess | null, connection: RendererConnection): void {
  if (!child) return;
  const link = crypto.randomUUID();
  child.send({ type: 'connect', link });
  for (const channel of ['main', 'store'] as const) {
    connection[channel].listen((data) => child.connected && child.send({ type: 'message', link, channel, data }));
  }
  child.on('message', (message: { type: string; link: string; channel: 'main' | 'store'; data: unknown }) => {
    if (message.type === 'message' && message.link === link) connection[message.channel].send(message.data);
  });
  void connection.closed.then(() => child.connected && child.send({ type: 'closed', link }));
}
