import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AiJudgeProgress } from '../../shared/contracts/ai-judge';
import type { FitItem, Judgement, JudgeStats, SessionFit } from '../../shared/contracts/judging';
import type { MainClient } from '../../src-renderer/src/bridge';
import { formatAgreementPercent } from '../../src-renderer/src/components/AiValidation';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { JudgingView } from '../../src-renderer/src/views/JudgingView';
import { ResultsView } from '../../src-renderer/src/views/ResultsView';
import { container, liveViews, root, until } from './live-view';
import { batchRow } from '../support/batch-row';

liveViews();

const now = '2026-12-05T08:00:00.000Z';
const texts: Record<string, string> = {
  e1: 'Kalle skriver om skolan och om sömn.',
  e2: 'Den andra uppsatsen handlar om idrott.',
  e3: 'Den tredje uppsatsen handlar om vänner.',
  e4: 'Den fjärde uppsatsen handlar om musik.',
};
const theta: Record<string, number> = { e1: 2, e2: 1, e3: -1, e4: -2 };

let seq = 0;
function judgement(judgeId: string, left: string, right: string, winner: string, ai?: { pair: number; order: 'ab' | 'ba'; reason: string }): Judgement {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    sessionId: 's1',
    judgeId,
    left,
    right,
    winner,
    ms: 1000,
    judgedAt: `2026-12-05T08:${String(seq).padStart(2, '0')}:00.000Z`,
    undone: false,
    ...(ai && { ai: { reason: ai.reason, confidence: 4, pair: ai.pair, order: ai.order, attempt: 1, tokens: 900 } }),
  };
}

const item = (essayId: string, value: number): FitItem => ({
  essayId,
  theta: value,
  se: 0.5,
  infit: 1,
  outfit: 1,
  wins: 1,
  comparisons: 3,
  grade: null,
  probabilities: [],
  preliminary: true,
  misfit: false,
});
const stats = (judgeId: string, judgements: number, infit: number): JudgeStats => ({ judgeId, judgements, infit, outfit: infit, medianMs: 1000, leftShare: 0.5 });

function fit(judgements: number, thetas: Record<string, number>, judges: JudgeStats[]): SessionFit {
  return {
    sessionId: 's1',
    judgements,
    computedAt: now,
    items: Object.entries(thetas).map(([id, value]) => item(id, value)),
    judges,
    ssr: 0.7,
    reliability: { reported: 0.7, lowerBound: 0.6 },
    verdict: { stop: false, reason: 'below-target', perScript: 3 },
    boundaries: [],
    gradesUnavailable: null,
    checkpoints: { previous: null, current: null },
  };
}

async function seed(judgements: Judgement[]): Promise<void> {
  await db.delete();
  await db.open();
  const hash = (id: string) => id.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a');
  await db.batches.put(batchRow({ id: 'b1', className: '9B', names: ['Kalle'], createdAt: now, nextSeq: 4 }));
  for (const [i, [id, text]] of Object.entries(texts).entries()) {
    await db.contents.put({ hash: hash(id), text, createdAt: now });
    await db.essays.put({ id, batchId: 'b1', seq: i, fileName: `${id}.txt`, size: 10, state: 'spellchecked', contentHash: hash(id), words: 10, receivedAt: now, updatedAt: now });
  }
  await db.judges.put({ id: 'anna', name: 'Anna', createdAt: now, kind: 'human' });
  await db.judges.put({ id: 'bot', name: 'AI – kommunens server', createdAt: now, kind: 'ai' });
  await db.sessions.put({
    id: 's1',
    batchId: 'b1',
    title: 'Vt',
    judgeIds: ['anna'],
    anchors: [],
    scale: ['F', 'E'],
    targetReliability: 0.8,
    budgetPerScript: 10,
    essayIds: ['e1', 'e2', 'e3', 'e4'],
    createdAt: now,
    ai: { profileId: 'bot', assignment: '', humanCheckShare: 0.1 },
    stop: null,
  });
  await db.judgements.bulkPut(judgements);
  const ai = judgements.filter((j) => j.ai).length;
  await db.sessionFits.put(fit(judgements.length, theta, [stats('bot', ai, 1.42), stats('anna', judgements.length - ai, 0.91)]));
}

/** The AI judged e1–e4 (θ gap 4) for e4 both ways, e2–e3 (gap 2) inconsistently, e1–e2 for e1; Anna chose e1, e2 and e1. */
const halfAgreeing = () => [
  judgement('bot', 'e1', 'e4', 'e4', { pair: 0, order: 'ab', reason: 'B bygger upp sitt resonemang tydligare.' }),
  judgement('bot', 'e4', 'e1', 'e4', { pair: 0, order: 'ba', reason: 'A har ett rikare ordförråd.' }),
  judgement('bot', 'e2', 'e3', 'e2', { pair: 1, order: 'ab', reason: 'A håller sig till ämnet.' }),
  judgement('bot', 'e3', 'e2', 'e3', { pair: 1, order: 'ba', reason: 'A har färre stavfel.' }),
  judgement('bot', 'e1', 'e2', 'e1', { pair: 2, order: 'ab', reason: 'A argumenterar bättre.' }),
  judgement('bot', 'e2', 'e1', 'e1', { pair: 2, order: 'ba', reason: 'B argumenterar bättre.' }),
  judgement('anna', 'e4', 'e1', 'e1'),
  judgement('anna', 'e2', 'e3', 'e2'),
  judgement('anna', 'e1', 'e2', 'e1'),
];

const progress = (over: Partial<AiJudgeProgress> = {}): AiJudgeProgress => ({
  status: 'running',
  halted: null,
  judgements: 10,
  sessionJudgements: 12,
  budget: 40,
  calls: 14,
  inFlight: 2,
  failures: { 'server-error': 2, 'rate-limited': 1 },
  givenUp: 1,
  tokens: 12345,
  secondsLeft: 150,
  ...over,
});

function fakeMain(start: AiJudgeProgress = progress()) {
  let current = start;
  const humanFit = fit(3, { e4: 1.5, e1: 0.5, e2: -0.5, e3: -1.5 }, [stats('anna', 3, 0.95)]);
  return {
    get progress() {
      return current;
    },
    currentPair: vi.fn(async (_request: unknown) => ({ outcome: 'pair' as const, left: 'e1', right: 'e2' })),
    aiJudgeProgress: vi.fn(async (_request: unknown) => current),
    startAiJudge: vi.fn(async (_request: unknown) => ((current = { ...current, status: 'running', halted: null }), { outcome: 'started' as const })),
    pauseAiJudge: vi.fn(async (_request: unknown) => ((current = { ...current, status: 'paused' }), { status: 'paused' as const })),
    resumeAiJudge: vi.fn(async (_request: unknown) => ((current = { ...current, status: 'running', halted: null }), { outcome: 'started' as const })),
    stopAiJudge: vi.fn(async (_request: unknown) => ((current = { ...current, status: 'stopped' }), { status: 'stopped' as const })),
    humanOnlyFit: vi.fn(async (_request: unknown) => humanFit),
  };
}

function render(view: 'judge' | 'results', main: ReturnType<typeof fakeMain>): void {
  useUi.setState({ main: main as unknown as MainClient, judgeId: null, language: 'sv' });
  root.render(view === 'judge' ? <JudgingView sessionId="s1" /> : <ResultsView sessionId="s1" />);
}

const find = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const text = (testId: string) => find(testId)?.textContent ?? '';
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name);
const click = (name: string) => button(name)!.dispatchEvent(new MouseEvent('click', { bubbles: true }));

describe('the AI judge at work, in the judging view', () => {
  beforeEach(() => seed(halfAgreeing()));

  it('shows the comparisons done against the budget, time left, tokens, calls and failures by reason', async () => {
    render('judge', fakeMain());
    await until(() => text('ai-done') !== '');
    const panel = find('ai-progress')!;
    expect(text('ai-status')).toBe('Status: Bedömer');
    expect(text('ai-done')).toBe('12 av högst 40 jämförelser gjorda, varav 10 av AI:n');
    const bar = panel.querySelector('progress')!;
    expect(bar.getAttribute('aria-label')).toBe('Jämförelser i omgången');
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['12', '40']);
    expect(text('ai-time-left')).toBe('Tid kvar: omkring 3 min');
    expect(text('ai-tokens')).toMatch(/^Tokens hittills: 12\s345$/);
    expect(text('ai-calls')).toBe('Anrop till servern: 14, varav 2 pågår nu');
    const failures = find('ai-failures')!;
    expect(failures.firstChild?.textContent).toBe('Misslyckade anrop: 3');
    expect([...failures.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['2 × Servern fick ett fel (5xx).', '1 × Servern ber oss vänta (429, för många anrop).']);
    expect(text('ai-given-up')).toBe('Uppgivna frågor: 1');
  });

  it('pauses, resumes, and stops only after the teacher confirms', async () => {
    const main = fakeMain();
    render('judge', main);
    await until(() => button('Pausa') !== undefined);
    click('Pausa');
    await until(() => button('Fortsätt') !== undefined);
    expect(main.pauseAiJudge).toHaveBeenCalledWith({ sessionId: 's1' });
    expect(text('ai-status')).toBe('Status: Pausad');

    click('Fortsätt');
    await until(() => button('Pausa') !== undefined);
    expect(main.resumeAiJudge).toHaveBeenCalledWith({ sessionId: 's1' });

    click('Stoppa');
    await until(() => button('Stoppa AI-bedömaren') !== undefined);
    expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain('De 10 bedömningar den redan har gjort finns kvar.');
    click('Stoppa inte');
    await until(() => button('Pausa') !== undefined);
    expect(main.stopAiJudge).not.toHaveBeenCalled();

    click('Stoppa');
    await until(() => button('Stoppa AI-bedömaren') !== undefined);
    click('Stoppa AI-bedömaren');
    await until(() => text('ai-status') === 'Status: Avbruten');
    expect(main.stopAiJudge).toHaveBeenCalledWith({ sessionId: 's1' });
    expect(button('Pausa') ?? button('Fortsätt') ?? button('Stoppa')).toBeUndefined();
  });

  it('says plainly why a run paused itself, and resumes it', async () => {
    const main = fakeMain(progress({ status: 'paused', halted: 'unreachable', inFlight: 0, secondsLeft: null }));
    render('judge', main);
    await until(() => find('ai-halted') !== null);
    expect(find('ai-halted')!.getAttribute('role')).toBe('alert');
    expect(text('ai-halted')).toContain('Servern svarar inte. Kontrollera adressen');
    click('Fortsätt');
    await until(() => text('ai-status') === 'Status: Bedömer' && find('ai-halted') === null);
    expect(main.resumeAiJudge).toHaveBeenCalledWith({ sessionId: 's1' });
  });

  it('never offers the AI judge as someone to judge as, and labels its progress as AI', async () => {
    render('judge', fakeMain());
    await until(() => container.textContent?.includes('Den andra uppsatsen') ?? false);
    const options = [...find('judge-select')!.querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toEqual(['Anna']);
    expect([...find('judge-progress')!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Anna: 3 bedömningar', 'AI – kommunens server (AI): 6 bedömningar']);
  });
});

describe('the AI judge on the results page', () => {
  it('states agreement with its interval, warns below 70 %, and lists disagreements largest θ gap first with the AI\'s reason', async () => {
    await seed(halfAgreeing());
    render('results', fakeMain(progress({ status: 'done', secondsLeft: null, inFlight: 0 })));
    await until(() => find('ai-validation') !== null);
    expect(text('ai-first-shown')).toBe('Valde texten som visades först: 67 % av 6 bedömningar (50 % betyder ingen förkärlek)');
    expect(text('ai-order-consistency')).toBe('Samma val i båda ordningarna: 67 % av 3 par');
    // 3 of 6: Wilson 95 % 18.8–81.2 %, rounded outwards.
    expect(find('ai-agreement')!.firstChild?.textContent).toBe('Överensstämmelse med lärarna: 50 % (95 % intervall 18–82 %, 3 par, 6 jämförelser)');
    expect(find('ai-untrusted')!.getAttribute('role')).toBe('alert');
    expect(text('ai-untrusted')).toContain('Lita inte på AI:ns skala.');

    const rows = [...find('ai-disagreements')!.querySelectorAll<HTMLElement>('[data-testid="ai-disagreement"]')];
    expect(rows.map((r) => r.querySelector('summary')!.textContent)).toEqual(['e4.txt – e1.txt: θ-avstånd 4,00', 'e2.txt – e3.txt: θ-avstånd 2,00']);
    const details = rows[0].querySelector('details')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await until(() => rows[0].querySelectorAll('[data-testid="ai-pair-text"]').length === 2);
    expect(rows[0].textContent).toContain('Anna valde e1.txt.');
    expect([...rows[0].querySelectorAll('blockquote')].map((q) => q.textContent)).toEqual(['B bygger upp sitt resonemang tydligare.', 'A har ett rikare ordförråd.']);
    expect(rows[0].textContent).toContain('AI:n valde e4.txt när e1.txt visades först (säkerhet 4 av 5):');
    // Both texts, as the session shows them: the class list's names masked.
    const shown = [...rows[0].querySelectorAll('[data-testid="ai-pair-text"] .essay-text')].map((t) => t.textContent);
    expect(shown).toEqual([texts.e4, '[namn] skriver om skolan och om sömn.']);

    const infit = [...find('ai-infit')!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(infit).toEqual([
      ['AI – kommunens server (AI)', 'AI', '6', '1,42'],
      ['Anna', 'Lärare', '3', '0,91'],
    ]);
    // The run is done: no progress panel on the results page.
    expect(find('ai-progress')).toBeNull();
  });

  it('trusts an AI that agrees with the teachers in 70 % or more', async () => {
    const agreeing = halfAgreeing().filter((j) => !(j.left === 'e1' && j.right === 'e4') && !(j.left === 'e4' && j.right === 'e1'));
    await seed([
      ...agreeing,
      judgement('bot', 'e3', 'e4', 'e3', { pair: 3, order: 'ab', reason: 'A.' }),
      judgement('bot', 'e4', 'e3', 'e3', { pair: 3, order: 'ba', reason: 'B.' }),
      judgement('anna', 'e3', 'e4', 'e3'),
    ]);
    render('results', fakeMain(progress({ status: 'done' })));
    await until(() => find('ai-agreement') !== null);
    expect(find('ai-agreement')!.firstChild?.textContent).toBe('Överensstämmelse med lärarna: 83 % (95 % intervall 43–97 %, 3 par, 6 jämförelser)');
    expect(find('ai-untrusted')).toBeNull();
  });

  it('never rounds an agreement across the 70 % line', () => {
    expect(formatAgreementPercent(0.83, 'sv')).toBe('83');
    expect(formatAgreementPercent(0.696, 'sv')).toBe('69,6');
    expect(formatAgreementPercent(0.695, 'en')).toBe('69.5');
    expect(formatAgreementPercent(0.7, 'sv')).toBe('70');
    expect(formatAgreementPercent(0.694, 'sv')).toBe('69');
  });

  it('says so when no teacher has judged any of the AI\'s pairs', async () => {
    await seed(halfAgreeing().filter((j) => j.ai));
    render('results', fakeMain(progress({ status: 'done' })));
    await until(() => find('ai-unchecked') !== null);
    expect(text('ai-unchecked')).toBe('Lärarna har inte bedömt några av AI:ns par än, så överensstämmelsen går inte att mäta.');
    expect(find('ai-agreement')).toBeNull();
    expect(find('ai-disagreements')).toBeNull();
  });

  it('switches the shown scale to the teachers\' judgements only, saying which is shown', async () => {
    await seed(halfAgreeing());
    const main = fakeMain(progress({ status: 'done' }));
    render('results', main);
    await until(() => find('fit-shown') !== null && container.querySelector('table.ranking') !== null);
    const firstRanked = () => container.querySelector('table.ranking tbody tr th')?.textContent;
    expect(text('fit-shown')).toBe('Visar skalan från alla 9 bedömningar, lärarnas och AI:ns.');
    expect(firstRanked()).toBe('e1.txt');

    const toggle = [...container.querySelectorAll('label')].find((l) => l.textContent === 'Bara lärarnas bedömningar')!.querySelector('input')!;
    toggle.click();
    await until(() => find('fit-shown')?.dataset.fit === 'human' && firstRanked() === 'e4.txt');
    expect(main.humanOnlyFit).toHaveBeenCalledWith({ sessionId: 's1' });
    expect(text('fit-shown')).toBe('Visar skalan från bara lärarnas 3 bedömningar, utan AI:ns. Den sparas inte och ändrar inga betyg.');

    toggle.click();
    await until(() => firstRanked() === 'e1.txt');
    expect(text('fit-shown')).toBe('Visar skalan från alla 9 bedömningar, lärarnas och AI:ns.');
  });

  it('never offers the AI judge to set grades as, labels it as AI among the judges, and shows what it said on an essay\'s row', async () => {
    await seed(halfAgreeing());
    render('results', fakeMain(progress({ status: 'running' })));
    await until(() => container.querySelector('table.ranking') !== null && find('ai-progress') !== null);
    expect([...container.querySelectorAll('.results-judge option')].map((o) => o.textContent)).toEqual(['– välj bedömare –', 'Anna']);
    expect(container.querySelector('table.judge-stats [data-judge-id="bot"] th')?.textContent).toBe('AI – kommunens server (AI)');

    const row = container.querySelector<HTMLElement>('table.ranking tr[data-essay-id="e4"]')!;
    const said = row.querySelector('[data-testid="ai-comparisons"]')!;
    expect(said.querySelector('summary')!.textContent).toBe('Vad AI:n sa (2) om e4.txt');
    expect([...said.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Valde den här texten framför e1.txt (e1.txt visades först, säkerhet 4 av 5): B bygger upp sitt resonemang tydligare.',
      'Valde den här texten framför e1.txt (den här visades först, säkerhet 4 av 5): A har ett rikare ordförråd.',
    ]);
  });
});

describe('results resting on an older fit (issue #12)', () => {
  const banner = () => container.querySelector('[data-testid="stale-fit"]');

  it('say the refit failed, on how many of the judgements they rest, and fit again; a later fit clears it', async () => {
    const judgements = halfAgreeing();
    await seed(judgements);
    // The fit stored is from before the last two judgements; the refit after them failed on a full disk.
    await db.sessionFits.put(fit(7, theta, [stats('bot', 6, 1.42), stats('anna', 1, 0.91)]));
    await db.sessions.update('s1', { fitFailed: { code: 'DISK_FULL', at: '2026-12-05T09:00:00.000Z' } });
    const main = { refitSession: vi.fn(async () => ({})) };
    useUi.setState({ main: main as unknown as MainClient, language: 'sv' });
    root.render(<ResultsView sessionId="s1" />);
    await until(() => banner() !== null);
    expect(banner()?.textContent).toContain('Resultatet kunde inte räknas om');
    expect(banner()?.textContent).toContain('Det finns inte plats för mer på datorn');
    expect(banner()?.textContent).toContain('bygger på 7 bedömningar av 9');
    [...banner()!.querySelectorAll('button')].find((b) => b.textContent === 'Räkna om')!.click();
    await until(() => main.refitSession.mock.calls.length === 1);
    expect(main.refitSession).toHaveBeenCalledWith({ sessionId: 's1' });

    useUi.setState({ language: 'en' });
    await until(() => banner()?.textContent?.includes('rests on 7 of 9 judgements') ?? false);
    await db.sessionFits.put({ ...fit(9, theta, [stats('bot', 6, 1.42), stats('anna', 3, 0.91)]), computedAt: '2026-12-05T09:00:01.000Z' });
    await until(() => banner() === null);
  });
});
