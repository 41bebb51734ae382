import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncPayload } from '../../../shared/contracts/sync';
import { findPersonalData, nameCandidates } from '../../../shared/text/personal-data';
import { anonymise, schoolTerm, type AnonymiseOptions, type SyncSource } from '../../../src-main/sync/anonymise';
import { ordinaryWords } from '../../../src-main/sync/ordinary-words';
import { loadLanguageEngine } from '../../../src-workers/spellcheck/engine';

const key = new Uint8Array(32).fill(7);
const options = (over: Partial<AnonymiseOptions> = {}): AnonymiseOptions => ({
  schoolId: 'skola-0042',
  sendTexts: false,
  appVersion: '0.1.0',
  key,
  idempotencyKey: '3f0c8a52-6d0e-4c43-9a57-1b6f0e2b7c11',
  now: new Date('2026-11-24T10:00:00Z'),
  // A dictionary that knows every word: only the class list's names are scrubbed as names.
  isOrdinary: () => true,
  ...over,
});

const essay = (id: string, text: string, pupilId: string | null = null) => ({ id, pupilId, words: 300, findingsPer100: 2.5, text });
const source = (texts: string[], over: Partial<SyncSource['batch']> = {}): SyncSource => ({
  batch: { id: 'batch-1', title: 'Argumenterande text', course: 'Svenska 1', language: 'sv', createdAt: '2026-09-01T08:00:00Z', names: [], ...over },
  essays: texts.map((t, i) => essay(`essay-${i}`, t)),
  session: {
    scale: ['F', 'E', 'D', 'C', 'B', 'A'],
    reliability: 0.83,
    ssr: 0.9,
    items: texts.map((_, i) => ({
      essayId: `essay-${i}`,
      theta: i - 2,
      se: 0.5,
      grade: 'ECDBAF'[i % 6],
      // Essay 2's grade is 0.6 likely: preliminary.
      probabilities: [0, 0, 0, 0, 0, 0].map((_, g) => (g === 'FEDCBA'.indexOf('ECDBAF'[i % 6]) ? (i === 2 ? 0.6 : 0.95) : i === 2 ? 0.08 : 0.01)),
      preliminary: i === 2,
    })),
    anchors: [{ essayId: 'essay-4', grade: 'B' }],
    overrides: [{ essayId: 'essay-0', grade: 'D' }],
  },
});

describe('the anonymiser', () => {
  it('sends pseudonyms, grades and metrics, and no class list, file name, class name or text', () => {
    const result = anonymise(source(['Lisa skriver.', 'b', 'c', 'd', 'e'], { names: ['Lisa Ek'] }), options());
    if (result.outcome !== 'payload') throw new Error('suppressed');
    const { payload } = result;
    expect(SyncPayload.parse(payload)).toEqual(payload);
    expect(payload.pupils).toHaveLength(5);
    expect(payload.pupils.every((p) => /^[0-9a-f]{64}$/.test(p.pupil) && p.text === undefined)).toBe(true);
    expect(new Set(payload.pupils.map((p) => p.pupil)).size).toBe(5);
    expect(payload.pupils[0]).toMatchObject({ grade: 'D', gradeSource: 'teacher', preliminary: false, theta: -2, se: 0.5 });
    expect(payload.pupils[1]).toMatchObject({ grade: 'C', gradeSource: 'model', preliminary: false });
    expect(payload.pupils[2]).toMatchObject({ grade: 'D', gradeSource: 'model', preliminary: true });
    expect(payload.pupils[4]).toMatchObject({ grade: 'B', gradeSource: 'anchor', preliminary: false });
    expect(payload).toMatchObject({ course: 'Svenska 1', assignment: 'Argumenterande text', term: 'HT2026', reliability: 0.83 });
    expect(JSON.stringify(payload)).not.toMatch(/Lisa|essay-|batch-1/);
  });

  it('gives the same pupil the same pseudonym under the same key, and another under another key', () => {
    const texts = ['a', 'b', 'c', 'd', 'e'];
    const first = anonymise(source(texts), options());
    const again = anonymise(source(texts), options());
    const otherSchool = anonymise(source(texts), options({ key: new Uint8Array(32).fill(8) }));
    if (first.outcome !== 'payload' || again.outcome !== 'payload' || otherSchool.outcome !== 'payload') throw new Error('suppressed');
    expect(again.payload.pupils.map((p) => p.pupil)).toEqual(first.payload.pupils.map((p) => p.pupil));
    expect(otherSchool.payload.pupils[0].pupil).not.toBe(first.payload.pupils[0].pupil);
  });

  it('gives a pupil one pseudonym across batches: from the pupil, not from the essay or its file', () => {
    const batch = (id: string, essayIds: string[]) => ({ ...source([]), batch: { ...source([]).batch, id }, essays: essayIds.map((e, i) => essay(e, 'text', `pupil-${i}`)) });
    const autumn = anonymise(batch('batch-ht', ['a1', 'a2', 'a3', 'a4', 'a5']), options());
    const spring = anonymise(batch('batch-vt', ['v1', 'v2', 'v3', 'v4', 'v5']), options());
    if (autumn.outcome !== 'payload' || spring.outcome !== 'payload') throw new Error('suppressed');
    expect(spring.payload.pupils.map((p) => p.pupil)).toEqual(autumn.payload.pupils.map((p) => p.pupil));
    expect(spring.payload.batch).not.toBe(autumn.payload.batch);
    // Two essays the teacher gave one pupil in one batch still make a payload, with two pseudonyms.
    const twice = anonymise({ ...batch('batch-x', ['x1', 'x2', 'x3', 'x4', 'x5']), essays: ['x1', 'x2', 'x3', 'x4', 'x5'].map((e, i) => essay(e, 'text', i < 2 ? 'pupil-0' : `pupil-${i}`)) }, options());
    if (twice.outcome !== 'payload') throw new Error('suppressed');
    expect(new Set(twice.payload.pupils.map((p) => p.pupil)).size).toBe(5);
  });

  it('suppresses a batch of fewer than 5 pupils', () => {
    expect(anonymise(source(['a', 'b', 'c', 'd']), options())).toEqual({ outcome: 'suppressed', reason: 'SMALL_GROUP' });
  });

  it('scrubs a label whose tab or line break would otherwise hide a personnummer', () => {
    const result = anonymise(source(['a', 'b', 'c', 'd', 'e'], { title: 'Prov 850612\t1238' }), options());
    if (result.outcome !== 'payload') throw new Error('suppressed');
    expect(result.payload.assignment).toBe('Prov [personnummer]');
  });

  it('sends texts only when the school opted in, and scrubbed', () => {
    const texts = ['Jag heter Lisa Ek och min mejl är lisa.ek@skola.se. Ring 070-123 45 67.', 'b', 'c', 'd', 'e'];
    const result = anonymise(source(texts, { names: ['Lisa Ek'], title: 'Lisas text, 850612-1238', course: 'Sv 1 (lisa.ek@skola.se)' }), options({ sendTexts: true }));
    if (result.outcome !== 'payload') throw new Error('suppressed');
    expect(result.payload.pupils[0].text).toBe('Jag heter [name] [name] och min mejl är [email]. Ring [phone].');
    expect(result.payload.assignment).toBe('[name] text, [personnummer]');
    expect(result.payload.course).toBe('Sv 1 ([email])');
  });

  it('scrubs, with no class list, capitalised words the dictionary does not know or that stand inside a sentence, and keeps ordinary words that start one', () => {
    const dictionary = new Set(['skolan', 'jag', 'text', 'av', 'svenska', 'min', 'vän', 'berg']);
    const texts = ['Skolan är stor. Jag heter Zeynep Yilmaz och Ahmeds syster heter Märta. Min vän Jean-Luc Berg kommer.', 'b', 'c', 'd', 'e'];
    const result = anonymise(source(texts, { title: 'Text av Zeynep', course: 'Svenska' }), options({ sendTexts: true, isOrdinary: (w) => dictionary.has(w) }));
    if (result.outcome !== 'payload') throw new Error('suppressed');
    expect(result.payload.pupils[0].text).toBe('Skolan är stor. Jag heter [name] [name] och [name] syster heter [name]. Min vän [name] [name] kommer.');
    expect(result.payload.assignment).toBe('Text av [name]');
    expect(result.payload.course).toBe('Svenska');
  });

  it('names the school term from the date', () => {
    expect(schoolTerm(new Date('2027-01-15T00:00:00Z'))).toBe('VT2027');
    expect(schoolTerm(new Date('2026-08-20T00:00:00Z'))).toBe('HT2026');
  });
});

// ---- A property test: thousands of records seeded with personal data, and none of it leaks. ----

const FIRST = ['Lisa', 'Ahmed', 'Åsa', 'Björn', 'Ngozi', 'Zeynep', 'Erik', 'Mohammed', 'Sofia', 'Li', 'Ola', 'Märta', 'Jean-Luc', 'Aino'];
const LAST = ['Ek', 'Andersson', 'Öberg', 'Yilmaz', 'Nguyen', 'Al-Hassan', 'Lindqvist', 'Kowalski', 'Berg', 'Ali'];
const FILLER = 'jag tycker att skolan är viktig men ibland blir det för mycket läxor och vi hinner inte vila på kvällen eftersom träningen tar tid'.split(' ');

const luhnDigit = (nine: string): number => {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
};
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const name = fc.oneof(
  fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST)).map(([f, l]) => `${f} ${l}`),
  fc.stringMatching(/^[A-ZÅÄÖ][a-zåäö]{2,9}$/),
);
const personnummer = fc
  .record({
    century: fc.constantFrom('19', '20'),
    yy: fc.integer({ min: 0, max: 99 }),
    mm: fc.integer({ min: 1, max: 12 }),
    dd: fc.integer({ min: 1, max: 28 }),
    coordination: fc.boolean(),
    serial: fc.integer({ min: 0, max: 999 }),
    valid: fc.boolean(),
    form: fc.constantFrom('short-dash', 'long-dash', 'short', 'long', 'plus', 'space', 'en-dash', 'nbsp'),
  })
  .map((p) => {
    const date = `${pad(p.yy)}${pad(p.mm)}${pad(p.dd + (p.coordination ? 60 : 0))}`;
    const nine = `${date}${pad(p.serial, 3)}`;
    const check = p.valid ? luhnDigit(nine) : (luhnDigit(nine) + 1) % 10;
    const last4 = `${pad(p.serial, 3)}${check}`;
    switch (p.form) {
      case 'short-dash':
        return `${date}-${last4}`;
      case 'long-dash':
        return `${p.century}${date}-${last4}`;
      case 'short':
        return `${date}${last4}`;
      case 'long':
        return `${p.century}${date}${last4}`;
      case 'plus':
        return `${date}+${last4}`;
      case 'en-dash':
        return `${date}–${last4}`;
      case 'nbsp':
        return `${date}\u00a0${last4}`;
      default:
        return `${date} ${last4}`;
    }
  });
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('se', 'com', 'nu', 'org'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const phone = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1000000, max: 9999999 }), fc.constantFrom('mobile', 'intl', 'landline', 'plain', 'intl00'))
  .map(([a, n, form]) => {
    const d = String(n);
    switch (form) {
      case 'mobile':
        return `07${a}-${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`;
      case 'intl':
        return `+46 7${a} ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`;
      case 'landline':
        return `08-${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}${a}`;
      case 'intl00':
        return `0046 8 ${d}`;
      default:
        return `07${a}${d}`;
    }
  });

const seeded = fc.record({
  names: fc.array(name, { minLength: 1, maxLength: 6 }),
  pnrs: fc.array(personnummer, { minLength: 1, maxLength: 3 }),
  emails: fc.array(email, { minLength: 1, maxLength: 2 }),
  phones: fc.array(phone, { minLength: 1, maxLength: 2 }),
  essays: fc.integer({ min: 5, max: 8 }),
  order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  sendTexts: fc.boolean(),
});

const wholeWord = (needle: string): RegExp => new RegExp(`(?<![\\p{L}\\p{M}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'iu');

describe('the anonymiser on generated records seeded with personal data', () => {
  it('leaks none of it: names, personnummer (valid or not), e-mail addresses, phone numbers', () => {
    fc.assert(
      fc.property(seeded, (s) => {
        const secrets = [...s.names, ...s.pnrs, ...s.emails, ...s.phones];
        const pick = (k: number): string => secrets[s.order[k % s.order.length] % secrets.length];
        const texts = Array.from({ length: s.essays }, (_, e) =>
          Array.from({ length: 12 }, (_, w) => `${FILLER[(e * 7 + w) % FILLER.length]} ${pick(e * 12 + w)}${w % 4 === 3 ? '.' : ','}`).join(' '),
        );
        const record = source(texts, { names: s.names, title: `Text av ${pick(1)} (${pick(2)})`, course: `Svenska ${pick(3)}` });
        const result = anonymise(record, options({ sendTexts: s.sendTexts }));
        if (result.outcome !== 'payload') return false;
        const json = JSON.stringify(result.payload);
        const fields = [result.payload.course, result.payload.assignment, ...result.payload.pupils.map((p) => p.text ?? '')];
        for (const n of s.names) for (const part of n.split(' ')) if (part.length > 1 && wholeWord(part).test(json)) return false;
        for (const secret of [...s.pnrs, ...s.emails, ...s.phones]) if (json.includes(secret)) return false;
        // Not even as bare digits inside a scrubbed field.
        for (const number of [...s.pnrs.map((p) => p.replace(/\D/g, '').slice(-10)), ...s.phones.map((p) => p.replace(/\D/g, '').slice(-8))]) {
          if (fields.some((f) => f.replace(/\D/g, '').includes(number))) return false;
        }
        return true;
      }),
      { numRuns: 2000, seed: 20261124 },
    );
  }, 120_000);
});

// ---- Measured: the dictionary scrub on the property test's corpus, with no class list (docs/architecture.md, "Sync"). ----

describe('the scrub with the Swedish spellcheck dictionary, on the property corpus with no class list', () => {
  it('catches the names the class list no longer names, and removes few ordinary words', async () => {
    const engine = await loadLanguageEngine('sv');
    const records = fc.sample(seeded, { numRuns: 300, seed: 20261124 });
    const tally = { before: { caught: 0, wrong: 0 }, after: { caught: 0, wrong: 0 }, names: 0, ordinary: 0 };
    for (const s of records) {
      const parts = new Set(s.names.flatMap((n) => n.split(' ')).filter((p) => p.length > 1));
      // The property test's sentences, with each sentence's first word capitalised as a pupil writes it.
      const text = Array.from({ length: 12 }, (_, w) => {
        const filler = FILLER[w % FILLER.length];
        return `${w % 4 === 0 ? filler[0].toUpperCase() + filler.slice(1) : filler} ${s.names[w % s.names.length]}${w % 4 === 3 ? '.' : ','}`;
      }).join(' ');
      const words = text.match(/[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*/gu) ?? [];
      tally.names += words.filter((w) => parts.has(w)).length;
      tally.ordinary += words.filter((w) => !parts.has(w)).length;
      const isOrdinary = await ordinaryWords(nameCandidates(text), (t) => Promise.resolve(engine.check(t, [])));
      for (const [when, found] of [['before', findPersonalData(text, [])], ['after', findPersonalData(text, [], isOrdinary)]] as const) {
        for (const m of found.filter((f) => f.kind === 'name')) {
          if (parts.has(text.slice(m.start, m.end))) tally[when].caught++;
          else tally[when].wrong++;
        }
      }
    }
    const share = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;
    console.log(
      `names caught: before ${share(tally.before.caught, tally.names)}, after ${share(tally.after.caught, tally.names)}; ` +
        `ordinary words removed: before ${share(tally.before.wrong, tally.ordinary)}, after ${share(tally.after.wrong, tally.ordinary)}`,
    );
    expect(tally.before.caught).toBe(0);
    expect(tally.after.caught / tally.names).toBeGreaterThan(0.95);
    expect(tally.after.wrong / tally.ordinary).toBeLessThan(0.01);
  }, 120_000);
});
