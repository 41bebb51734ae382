import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Essay } from '../../shared/contracts/domain';
import type { FitItem } from '../../shared/contracts/judging';
import type { ClassListReadResult, Pupil, PupilMatch } from '../../shared/contracts/pupils';
import type { MainClient } from '../../src-renderer/src/bridge';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { BatchView } from '../../src-renderer/src/views/BatchView';
import { CreateBatch } from '../../src-renderer/src/views/CreateBatch';
import { EssayView } from '../../src-renderer/src/views/EssayView';
import { ResultsView } from '../../src-renderer/src/views/ResultsView';
import { batchRow } from '../support/batch-row';
import { choose, container, liveViews, root, type, until } from './live-view';

liveViews();

const now = '2026-12-06T08:00:00.000Z';
const pupils: Pupil[] = [
  { id: 'p1', firstName: 'Anna', lastName: 'Lindqvist' },
  { id: 'p2', firstName: 'Erik', lastName: 'Öberg' },
  { id: 'p3', firstName: 'Sara', lastName: 'Nilsson' },
  { id: 'p4', firstName: 'Omar', lastName: 'Haddad' },
];

const match = (status: PupilMatch['status'], pupilId: string | null, fields: Partial<PupilMatch> = {}): PupilMatch => ({
  status,
  pupilId,
  confidence: status === 'none' ? 0 : 0.95,
  evidence: [],
  candidates: pupilId ? [{ pupilId, confidence: 0.95 }] : [],
  ...fields,
});

const essay = (seq: number, fileName: string, pupilMatch: PupilMatch): Essay => ({
  id: `e${seq}`,
  batchId: 'b1',
  seq,
  fileName,
  size: 10,
  state: 'spellchecked',
  words: 300,
  receivedAt: now,
  updatedAt: now,
  pupilMatch,
});

/**
 * Anna's essay matched by its header, two essays in review (the second
 * after the first in the batch), one naming nobody on the list, and Sara's
 * chosen by the teacher. Erik and Omar have no matched essay.
 */
const essays: Essay[] = [
  essay(0, 'anna.docx', match('matched', 'p1', { evidence: [{ kind: 'header-label', text: 'Namn: Anna Lindqvist', line: 0 }] })),
  essay(1, 'uppsats-1.docx', match('review', 'p3', {
    confidence: 0.6,
    evidence: [{ kind: 'document-author', text: 'Erik Oberg' }, { kind: 'signature', text: '/ Sara', line: 30 }],
    candidates: [
      { pupilId: 'p3', confidence: 0.6 },
      { pupilId: 'p2', confidence: 0.55 },
    ],
  })),
  essay(2, 'okand.docx', match('none', null)),
  essay(3, 'uppsats-2.docx', match('review', 'p4', { confidence: 0.5, evidence: [{ kind: 'file-name', text: 'uppsats-2 Omar.docx' }], candidates: [{ pupilId: 'p4', confidence: 0.5 }] })),
  essay(4, 'sara.docx', match('matched', 'p3', { byTeacher: true })),
];

beforeEach(async () => {
  await db.delete();
  await db.open();
  useUi.setState({ main: null, language: 'sv' });
});

async function seedBatch(): Promise<void> {
  await db.classLists.put({ id: 'cl1', name: '9B', pupils, createdAt: now, updatedAt: now });
  await db.batches.put(batchRow({ id: 'b1', title: 'Argumenterande text', className: '9B', createdAt: now, nextSeq: 5, classListId: 'cl1', names: pupils.map((p) => `${p.firstName} ${p.lastName}`) }));
  await db.essays.bulkPut(essays);
}

/** A main whose setEssayPupil stores the teacher's choice as the store would, so the live queries show it. */
function fakeMain() {
  return {
    setEssayPupil: vi.fn(async ({ essayId, pupilId }: { batchId: string; essayId: string; pupilId: string | null }) => {
      await db.essays.update(essayId, { pupilMatch: match(pupilId ? 'matched' : 'none', pupilId, { confidence: 1, byTeacher: true }) });
      return {};
    }),
    linkClassList: vi.fn(async (_request: { batchId: string; classListId: string | null }) => ({})),
    saveClassList: vi.fn(async (_request: unknown) => ({ classListId: 'cl-new' })),
    createBatch: vi.fn(async (_request: unknown) => ({ batchId: 'b-new' })),
    readClassList: vi.fn(async (_request: { fileName: string; bytes: Uint8Array }): Promise<ClassListReadResult> => ({ ok: false, code: 'CLASS_LIST_UNREADABLE' })),
  };
}

function use(main: ReturnType<typeof fakeMain>): ReturnType<typeof fakeMain> {
  useUi.setState({ main: main as unknown as MainClient });
  return main;
}

const key = (target: Element, name: string): void => void target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
const field = <T extends Element>(name: string): T => container.querySelector<T>(`[name="${name}"]`)!;
const button = (label: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === label);
const preview = () => container.querySelector('[data-testid="class-list-preview"]');
const alerts = () => [...container.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
const submit = () => container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

describe('a class list when the batch is created (issue #13)', () => {
  it('previews pasted spreadsheet rows: the pupils, the columns, the skipped row, and that personnummer are left out; then saves the list and creates the batch with it', async () => {
    const main = use(fakeMain());
    root.render(<CreateBatch />);
    await until(() => field('names') !== null);
    type(field('title'), 'Argumenterande text');
    type(field('className'), '9B');
    type(field<HTMLTextAreaElement>('names'), 'Förnamn\tEfternamn\tPersonnummer\tE-post\nAnna\tLindqvist\t20100512-1234\tanna.lindqvist@skola.se\nErik\tÖberg\t20100304-5678\terik@skola.se\n\t\t20100304-5678\t');
    await until(() => preview() !== null);

    const rows = [...preview()!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Anna', 'Lindqvist', 'anna.lindqvist@skola.se'],
      ['Erik', 'Öberg', 'erik@skola.se'],
    ]);
    expect(preview()!.querySelector('[data-testid="personnummer-dropped"]')?.textContent).toBe('Personnummer sparas aldrig. Borttaget ur listan: Personnummer.');
    expect(preview()!.textContent).toContain('Kolumner som lästes: ”Förnamn” (förnamn), ”Efternamn” (efternamn), ”E-post” (e-post).');
    expect(preview()!.textContent).toContain('Rader utan namn som hoppades över: 4.');
    expect(preview()!.textContent).not.toContain('1234');
    // The list is named after the class unless the teacher names it.
    expect(field<HTMLInputElement>('classListName').placeholder).toBe('9B');

    submit();
    await until(() => main.createBatch.mock.calls.length === 1);
    expect(main.saveClassList).toHaveBeenCalledWith({
      name: '9B',
      pupils: [
        { firstName: 'Anna', lastName: 'Lindqvist', email: 'anna.lindqvist@skola.se' },
        { firstName: 'Erik', lastName: 'Öberg', email: 'erik@skola.se' },
      ],
    });
    expect(main.createBatch.mock.calls[0]![0]).toMatchObject({ title: 'Argumenterande text', className: '9B', classListId: 'cl-new' });
  });

  it('says why pasted text holds no pupils, in Swedish and English, and creates nothing', async () => {
    const main = use(fakeMain());
    root.render(<CreateBatch />);
    await until(() => field('names') !== null);
    type(field('title'), 'Prov');
    type(field<HTMLTextAreaElement>('names'), '123\n456');
    await until(() => alerts().includes('Det fanns inga elevnamn i listan.'));
    submit();
    useUi.setState({ language: 'en' });
    await until(() => alerts().includes('There were no pupils’ names in the list.'));
    expect(main.saveClassList).not.toHaveBeenCalled();
    expect(main.createBatch).not.toHaveBeenCalled();
  });

  it('creates a batch without pupils when nothing is pasted', async () => {
    const main = use(fakeMain());
    root.render(<CreateBatch />);
    await until(() => field('names') !== null);
    type(field('title'), 'Prov');
    submit();
    await until(() => main.createBatch.mock.calls.length === 1);
    expect(main.saveClassList).not.toHaveBeenCalled();
    expect(main.createBatch.mock.calls[0]![0]).not.toHaveProperty('classListId', expect.anything());
  });

  it('reads a chosen file through main, with its bytes, and previews what main found', async () => {
    const main = use(fakeMain());
    main.readClassList.mockResolvedValue({
      ok: true,
      preview: {
        pupils: [{ firstName: 'Sara', lastName: 'Nilsson', email: 'sara@skola.se' }],
        columns: { firstName: null, lastName: null, fullName: 'Elev', className: 'Klass', email: 'E-post' },
        className: '8A',
        droppedPersonnummerColumns: ['Pnr'],
        skippedRows: [],
      },
    });
    root.render(<CreateBatch />);
    await until(() => field('names') !== null);
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'klass-8a.xlsx');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => preview() !== null);
    expect(main.readClassList).toHaveBeenCalledWith({ fileName: 'klass-8a.xlsx', bytes: new Uint8Array([80, 75, 3, 4]) });
    expect(container.textContent).toContain('Läst från klass-8a.xlsx.');
    expect(preview()!.textContent).toContain('Personnummer sparas aldrig. Borttaget ur listan: Pnr.');
    expect(preview()!.querySelector('tbody')!.textContent).toBe('SaraNilssonsara@skola.se');
    // No class typed: the list takes the class the file names.
    expect(field<HTMLInputElement>('classListName').placeholder).toBe('8A');
  });
});

const panel = () => container.querySelector<HTMLElement>('section.pupils');
const reviewItems = () => [...container.querySelectorAll<HTMLLIElement>('[data-testid="pupil-review"] > li')];
const notHandedIn = () => [...container.querySelectorAll('[data-testid="not-handed-in"] li')].map((li) => li.textContent);

describe('who wrote each essay, on the batch page (issue #13)', () => {
  it('puts the matches to review first, with their evidence and candidates, and lists who has not handed in', async () => {
    use(fakeMain());
    await seedBatch();
    root.render(<BatchView batchId="b1" />);
    await until(() => panel() !== null);

    // In the panel, the essays to review come before every other essay.
    const inPanel = [...panel()!.querySelectorAll('[data-essay-id]')].map((el) => el.getAttribute('data-essay-id'));
    expect(inPanel.slice(0, 2)).toEqual(['e1', 'e3']);
    expect(new Set(inPanel.slice(2))).toEqual(new Set(['e0', 'e2', 'e4']));

    const first = reviewItems()[0]!;
    expect(first.textContent).toContain('uppsats-1.docx');
    const evidence = [...first.querySelectorAll('.evidence li')].map((li) => [li.querySelector('.evidence-kind')?.textContent, li.querySelector('q')?.textContent]);
    expect(evidence).toEqual([
      ['Dokumentets författare', 'Erik Oberg'],
      ['Underskrift', '/ Sara'],
    ]);
    // The words naming a candidate are marked, without their diacritics too.
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Erik', 'Oberg', 'Sara']);
    expect([...first.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['1 Sara Nilsson 60 %', '2 Erik Öberg 55 %', '0 Ingen på listan']);

    expect(notHandedIn()).toEqual(['Erik Öberg', 'Omar Haddad']);
  });

  it('takes the second candidate when the teacher presses 2 on a focused essay, shows the result, and moves on to the next essay to review', async () => {
    const main = use(fakeMain());
    await seedBatch();
    root.render(<BatchView batchId="b1" />);
    await until(() => reviewItems().length === 2);
    const first = reviewItems()[0]!;
    first.focus();
    key(first, '2');
    await until(() => main.setEssayPupil.mock.calls.length === 1);
    expect(main.setEssayPupil).toHaveBeenCalledWith({ batchId: 'b1', essayId: 'e1', pupilId: 'p2' });

    await until(() => reviewItems().length === 1 && document.activeElement === reviewItems()[0]);
    expect(reviewItems()[0]!.dataset.essayId).toBe('e3');
    expect(notHandedIn()).toEqual(['Omar Haddad']);
  });

  it('n says nobody on the list; j and k move between the essays to review', async () => {
    const main = use(fakeMain());
    await seedBatch();
    root.render(<BatchView batchId="b1" />);
    await until(() => reviewItems().length === 2);
    reviewItems()[0]!.focus();
    key(reviewItems()[0]!, 'j');
    expect(document.activeElement).toBe(reviewItems()[1]);
    key(reviewItems()[1]!, 'k');
    expect(document.activeElement).toBe(reviewItems()[0]);
    key(reviewItems()[0]!, 'ArrowDown');
    key(reviewItems()[1]!, 'n');
    await until(() => main.setEssayPupil.mock.calls.length === 1);
    expect(main.setEssayPupil).toHaveBeenCalledWith({ batchId: 'b1', essayId: 'e3', pupilId: null });
  });

  it('changes a matched essay to any pupil on the list with its select', async () => {
    const main = use(fakeMain());
    await seedBatch();
    root.render(<BatchView batchId="b1" />);
    await until(() => panel() !== null);
    const select = container.querySelector<HTMLSelectElement>('select[aria-label="Elev för anna.docx"]')!;
    expect(select.value).toBe('p1');
    choose(select, 'p4');
    await until(() => main.setEssayPupil.mock.calls.length === 1);
    expect(main.setEssayPupil).toHaveBeenCalledWith({ batchId: 'b1', essayId: 'e0', pupilId: 'p4' });
  });

  it("names each essay's pupil in the batch table, and marks the ones in review", async () => {
    use(fakeMain());
    await seedBatch();
    root.render(<BatchView batchId="b1" />);
    // The column comes with the class list, which loads on its own.
    await until(() => [...container.querySelectorAll('table.essays thead th')].some((th) => th.textContent === 'Elev'));
    const table = container.querySelector('table.essays')!;
    const pupilCell = (id: string) => table.querySelector(`tr[data-essay-id="${id}"] td`)?.textContent;
    expect(pupilCell('e0')).toBe('Anna Lindqvist');
    expect(pupilCell('e1')).toBe('Granska');
    expect(pupilCell('e2')).toBe('');
    expect(pupilCell('e4')).toBe('Sara Nilsson');
  });

  it('heads an essay with its pupil', async () => {
    use(fakeMain());
    await seedBatch();
    root.render(<EssayView essayId="e0" />);
    await until(() => container.querySelector('h1 [data-testid="pupil-name"]') !== null);
    expect(container.querySelector('h1 [data-testid="pupil-name"]')?.textContent).toBe('Anna Lindqvist');
    expect(container.querySelector('h1')?.textContent).toContain('anna.docx');
  });

  it('names the pupils in the results, with the file beneath, and marks the ones in review', async () => {
    use(fakeMain());
    await seedBatch();
    const item = (essayId: string, theta: number): FitItem => ({ essayId, theta, se: 0.5, infit: 1, outfit: 1, wins: 1, comparisons: 3, grade: null, probabilities: [], preliminary: true, misfit: false });
    await db.sessions.put({ id: 's1', batchId: 'b1', title: 'Vt', judgeIds: [], anchors: [], scale: ['F', 'E'], targetReliability: 0.8, budgetPerScript: 10, essayIds: ['e0', 'e1', 'e2'], createdAt: now, stop: null });
    await db.sessionFits.put({
      sessionId: 's1',
      judgements: 6,
      computedAt: now,
      items: [item('e0', 1), item('e1', 0), item('e2', -1)],
      judges: [],
      ssr: 0.7,
      reliability: { reported: 0.7, lowerBound: 0.6 },
      verdict: { stop: false, reason: 'below-target', perScript: 3 },
      boundaries: [],
      gradesUnavailable: null,
      checkpoints: { previous: null, current: null },
    });
    root.render(<ResultsView sessionId="s1" />);
    await until(() => container.querySelector('table.ranking [data-testid="pupil-name"]') !== null);
    const row = (id: string) => container.querySelector(`table.ranking tr[data-essay-id="${id}"] th`);
    expect(row('e0')?.querySelector('[data-testid="pupil-name"]')?.textContent).toBe('Anna Lindqvist');
    expect(row('e0')?.querySelector('.file-name')?.textContent).toBe('anna.docx');
    expect(row('e1')?.textContent).toBe('uppsats-1.docx Granska');
    expect(row('e2')?.textContent).toBe('okand.docx');
  });

  it('links another saved class list, but not while the batch is being processed', async () => {
    const main = use(fakeMain());
    await seedBatch();
    await db.classLists.put({ id: 'cl2', name: '9A', pupils: pupils.slice(0, 2), createdAt: now, updatedAt: now });
    await db.batches.update('b1', { phases: { intake: { run: 1, status: 'running', startedAt: now } } });
    root.render(<BatchView batchId="b1" />);
    await until(() => button('Byt klasslista') !== undefined);
    expect(container.querySelector('[data-testid="class-list"]')?.textContent).toBe('Klasslista: 9B (4 elever)');
    expect(button('Byt klasslista')!.disabled).toBe(true);

    await db.batches.update('b1', { phases: {} });
    await until(() => button('Byt klasslista')!.disabled === false);
    button('Byt klasslista')!.click();
    await until(() => field('classList') !== null);
    const options = [...field<HTMLSelectElement>('classList').options].map((o) => o.textContent);
    expect(options).toEqual(['Ny klasslista …', '9A (2 elever)', '9B (4 elever)', 'Ingen klasslista']);
    choose(field('classList'), 'cl2');
    button('Använd klasslistan')!.click();
    await until(() => main.linkClassList.mock.calls.length === 1);
    expect(main.linkClassList).toHaveBeenCalledWith({ batchId: 'b1', classListId: 'cl2' });
    expect(main.saveClassList).not.toHaveBeenCalled();
  });
});
