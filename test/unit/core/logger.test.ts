import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/core/logger';

describe('logger', () => {
  it('writes one JSON line per entry with the correlation id, and errors without their messages', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l), 'info');
    const error = Object.assign(new Error("ENOENT: no such file, open '/home/anna/Kalle Karlsson.docx'"), { code: 'ENOENT' });
    logger.log('debug', 'hidden');
    logger.log('warn', 'extraction failed', { correlationId: 'c-1', essayId: 'e-1', error });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'warn', message: 'extraction failed', correlationId: 'c-1', essayId: 'e-1', error: 'Error ENOENT' });
    expect(lines[0]).not.toContain('Kalle');
  });
});

describe('the log on a full disk', () => {
  it('never throws into the code that logs when the line cannot be written', () => {
    const logger = createLogger(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => logger.log('error', 'intake failed', { correlationId: 'c-1' })).not.toThrow();
  });
});
