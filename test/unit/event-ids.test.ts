import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../src-main/app/repo-path';
import { archiveEntryId, eventIds } from '../../shared/events/ids';

const sources = (dir: string): string[] =>
  readdirSync(repoPath(dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));

describe('event ids', () => {
  it('are built only in shared/events/ids.ts: no event id is written as a template literal anywhere else', () => {
    const owner = repoPath('shared/events/ids.ts');
    const handBuilt = /`(batch|essay|judge|session|judgement|settings|outbox|ai-profile)\/\$\{/;
    const offenders = ['shared', 'src-main', 'src-workers', 'src-renderer']
      .flatMap(sources)
      .filter((file) => file !== owner && handBuilt.test(readFileSync(file, 'utf8')))
      .map((file) => relative(repoPath('.'), file));
    expect(offenders).toEqual([]);
  });

  it('are the ones the store already holds: a replay after an upgrade is still a duplicate', () => {
    // Changing any of these would make redone work after an update look new, and be applied twice.
    expect(eventIds.essayOutcome('e1', 'intake')).toBe('essay/e1/intake/outcome');
    expect(eventIds.phaseCompleted('b1', 'spellcheck', 2)).toBe('batch/b1/spellcheck/2/completed');
    expect(eventIds.judgementRecorded('j1')).toBe('judgement/j1');
    expect(eventIds.outboxAttempted('k1', 3)).toBe('outbox/k1/attempt/3');
    expect(eventIds.sessionEssayAdded('s1', 'e1')).toBe('session/s1/essay/e1/added');
    expect(archiveEntryId('a1', 0)).toBe('a1.1');
    // An essay's first spellcheck keeps its id; a recheck after a language change has one of its own per round.
    expect(eventIds.essayOutcome('e1', 'spellcheck', 1)).toBe('essay/e1/spellcheck/outcome');
    expect(eventIds.essayOutcome('e1', 'spellcheck', 2)).toBe('essay/e1/spellcheck/round/2/outcome');
    expect(eventIds.essayStarted('e1', 'spellcheck', 3)).toBe('essay/e1/spellcheck/round/3/started');
  });
});
