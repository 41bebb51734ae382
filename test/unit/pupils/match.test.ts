import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PupilMatch, type MatchInput, type Pupil } from '../../../shared/contracts/pupils';
import { matchPupil, matchThreshold, settleDuplicates } from '../../../shared/pupils/match';
import { FIRST, LAST } from './name-pool';

const pupil = (id: string, firstName: string, lastName: string, email?: string): Pupil => ({ id, firstName, lastName, ...(email ? { email } : {}) });
const klass: Pupil[] = [
  pupil('anna-l', 'Anna', 'Lindqvist'),
  pupil('anna-b', 'Anna', 'Berg'),
  pupil('erik', 'Erik', 'Johansson'),
  pupil('asa', 'Åsa', 'Öberg'),
  pupil('mohammed', 'Mohammed', 'Al-Hassan'),
  pupil('elin', 'Elin', 'Karlsson', 'elin.k@elev.skola.se'),
  pupil('anna-karin', 'Anna-Karin', 'Sjö'),
  pupil('ali', 'Ali', 'Hassan'),
  pupil('hassan', 'Hassan', 'Ali'),
];

const body = [
  'Jag tycker att skolan borde börja senare på morgonen eftersom många elever är trötta och inte orkar koncentrera sig på lektionerna.',
  'Det finns forskning som visar att tonåringar behöver mer sömn än vuxna, och att de somnar senare på kvällen.',
].join('\n\n');

const match = (over: Partial<MatchInput>) => {
  const result = matchPupil({ text: body, fileName: 'uppsats.docx', ...over }, klass);
  // Every answer is a valid contract value.
  expect(PupilMatch.parse(result)).toEqual(result);
  return result;
};
const matched = (over: Partial<MatchInput>, id: string) => {
  const result = match(over);
  expect(result).toMatchObject({ status: 'matched', pupilId: id });
  expect(result.confidence).toBeGreaterThanOrEqual(matchThreshold);
  return result;
};

describe('matchPupil: each kind of evidence', () => {
  it('reads a labelled header', () => {
    for (const header of ['Namn: Erik Johansson\nKlass: 9B', 'Elev: Erik Johansson', 'Författare: Erik Johansson', 'Name: Erik Johansson', 'Student: Erik Johansson', 'Klass: 9B   Namn: Erik Johansson']) {
      const result = matched({ text: `${header}\n\n${body}` }, 'erik');
      expect(result.evidence[0]).toMatchObject({ kind: 'header-label', line: 0 });
    }
  });

  it('reads an Exam.net first line of name, class and date', () => {
    for (const line of ['Erik Johansson 9B 2026-03-12', 'Erik Johansson, 9B, 12 mars 2026', 'Erik Johansson (9B)']) {
      expect(matched({ text: `${line}\n\n${body}` }, 'erik').evidence[0].kind).toBe('examnet-line');
    }
  });

  it('reads a title line with the name on one side of a dash', () => {
    for (const line of ['Erik Johansson – Skolan borde börja senare', 'Erik Johansson - Skolan borde börja senare', 'Skolan borde börja senare – Erik Johansson']) {
      expect(matched({ text: `${line}\n\n${body}` }, 'erik').evidence[0].kind).toBe('title-line');
    }
  });

  it('reads the name written surname first', () => {
    expect(matched({ text: `Johansson, Erik\n\n${body}` }, 'erik').evidence[0].kind).toBe('last-name-first');
    expect(matched({ text: `Johansson, Erik, 9B\n\n${body}` }, 'erik').evidence[0].kind).toBe('last-name-first');
  });

  it('reads an e-mail address in the first lines, and the address the class list gives', () => {
    for (const address of ['erik.johansson@skola.se', 'johansson.erik2@elev.se', 'erik.johansson.9b@elev.se']) {
      expect(matched({ text: `${address}\n\n${body}` }, 'erik').evidence[0].kind).toBe('email');
    }
    // An initial and a surname is every E. Johansson's address.
    expect(match({ text: `ejohansson@edu.kommun.se\n\n${body}` })).toMatchObject({ status: 'review', pupilId: 'erik' });
    expect(matched({ text: `Elin\nelin.k@elev.skola.se\n\n${body}` }, 'elin').confidence).toBeGreaterThan(0.95);
    // An address in the body is not a header.
    expect(match({ text: `${body}\n\nMaila erik.johansson@skola.se om du vill veta mer om det här ämnet och allt annat.` }).status).toBe('none');
  });

  it('takes the document author property alone as a weak match, and only as a whole name', () => {
    const alone = matched({ author: 'Erik Johansson' }, 'erik');
    expect(alone.confidence).toBeLessThan(0.8);
    expect(matched({ author: 'Johansson, Erik' }, 'erik').evidence[0].kind).toBe('document-author');
    expect(matched({ author: 'erik.johansson@skola.se' }, 'erik').evidence[0].kind).toBe('document-author');
    expect(match({ author: 'Erik' })).toMatchObject({ status: 'review', pupilId: 'erik' });
  });

  it('ignores a teacher or shared account as author, and a header beats an author naming someone else', () => {
    for (const author of ['Lärare Svenska', 'Elev', 'skolans dator', 'Microsoft Office User', 'Karin Holm']) {
      expect(match({ author }).status).toBe('none');
      const result = matched({ text: `Namn: Erik Johansson\n\n${body}`, author }, 'erik');
      expect(result.evidence.map((e) => e.kind)).toEqual(['header-label']);
    }
    const classmateAccount = matched({ text: `Namn: Erik Johansson\n\n${body}`, author: 'Anna Lindqvist' }, 'erik');
    expect(classmateAccount.candidates.map((c) => c.pupilId)).toEqual(['erik', 'anna-l']);
  });

  it('reads the file name, its last path segment only', () => {
    for (const fileName of ['erik_johansson.docx', 'Johansson Erik - Uppsats.docx', 'Erik Johansson - Uppsats.docx', 'ErikJohansson.pdf', 'sv/04-johansson-erik.rtf', 'klass 9B/erik-johansson-slutversion.odt']) {
      expect(matched({ fileName }, 'erik').evidence[0].kind).toBe('file-name');
    }
    // A folder named after a pupil is not the essay's name.
    expect(match({ fileName: 'Erik Johansson/uppsats.docx' }).status).toBe('none');
    // A first name, a surname, or an initial and a surname alone name no one surely.
    for (const fileName of ['elin.docx', 'sv/04-karlsson.rtf', 'EKarlsson.docx', 'elin_k.docx']) expect(match({ fileName })).toMatchObject({ status: 'review', pupilId: 'elin' });
  });

  it('reads a signature on the last lines', () => {
    for (const end of ['/Erik Johansson', 'Erik Johansson', 'Med vänliga hälsningar,\nErik Johansson', '– Erik Johansson']) {
      expect(matched({ text: `${body}\n\n${end}` }, 'erik').evidence[0].kind).toBe('signature');
    }
    // A first name, or a first name and an initial, at the end is a hint only.
    expect(match({ text: `${body}\n\n/Erik` })).toMatchObject({ status: 'review', pupilId: 'erik' });
    expect(match({ text: `${body}\n\nHälsningar Erik J` })).toMatchObject({ status: 'review', pupilId: 'erik' });
  });

  it('adds up agreeing evidence', () => {
    const header = matched({ text: `Namn: Erik Johansson\n\n${body}` }, 'erik');
    const more = matched({ text: `Namn: Erik Johansson\n\n${body}\n\n/Erik`, fileName: 'erik_johansson.docx', author: 'Erik Johansson' }, 'erik');
    expect(more.confidence).toBeGreaterThan(header.confidence);
    expect(more.evidence.map((e) => e.kind)).toEqual(['header-label', 'file-name', 'document-author', 'signature']);
  });
});

describe('matchPupil: traps', () => {
  it('does not take a classmate named in the text for the author', () => {
    const text = `Jag och Erik Johansson spelade fotboll hela sommaren. ${body}\n\nAnna Lindqvist tyckte likadant som jag när vi pratade om det i klassen.`;
    expect(match({ text }).status).toBe('none');
    matched({ text: `Namn: Elin Karlsson\n\n${text}` }, 'elin');
    // A character sharing a pupil's name, named in a title, is at most a hint, and a header outweighs it.
    matched({ text: `Namn: Elin Karlsson\nErik – min bästa vän\n\n${body}` }, 'elin');
  });

  it('never matches a first name two pupils share', () => {
    for (const text of [`Namn: Anna\n\n${body}`, `Anna 9B 2026-03-12\n\n${body}`, `${body}\n\n/Anna`]) {
      const result = match({ text });
      expect(result.status).toBe('review');
      expect(result.candidates.map((c) => c.pupilId).sort()).toEqual(['anna-b', 'anna-l']);
      expect(result.candidates[0].confidence).toBe(result.candidates[1].confidence);
    }
    // The surname settles it.
    matched({ text: `Namn: Anna Berg\n\n${body}` }, 'anna-b');
    matched({ text: `Namn: Anna\n\n${body}`, fileName: 'anna_lindqvist.docx' }, 'anna-l');
  });

  it('never matches on a first name alone, even after a label and unique in the class: it may be someone not on the list', () => {
    for (const text of [`Namn: Elin\n\n${body}`, `Elin 9B 2026-03-12\n\n${body}`, `Elin\n\n${body}`]) {
      const result = match({ text });
      expect(result).toMatchObject({ status: 'review', pupilId: 'elin' });
      expect(result.confidence).toBeLessThan(matchThreshold);
    }
    // However many places repeat it.
    expect(match({ text: `Namn: Elin\nElin – min sommar\n\n${body}\n\n/Elin`, fileName: 'elin.docx', author: 'Elin' }).status).toBe('review');
    // With a whole name elsewhere that agrees, it adds up.
    matched({ text: `Namn: Elin\n\n${body}`, author: 'Elin Karlsson' }, 'elin');
  });

  it('matches nobody for a name not on the list, even one sharing a first name with a pupil', () => {
    for (const name of ['Olle Persson', 'Anna Svensson', 'Erik Lindqvist']) {
      expect(match({ text: `Namn: ${name}\n\n${body}` })).toMatchObject({ status: 'none', pupilId: null, candidates: [] });
      expect(match({ text: `${name} 9B 2026-03-12\n\n${body}` }).status).toBe('none');
    }
    expect(match({ fileName: 'Anna Svensson - Uppsats.docx' }).status).toBe('none');
    // Someone not on the list in the header, a pupil in weaker places: for the teacher.
    expect(match({ text: `Namn: Olle Persson\n\n${body}`, fileName: 'erik_johansson.docx' })).toMatchObject({ status: 'review', pupilId: 'erik' });
    expect(match({ text: `Namn: Olle Persson\n\n${body}`, author: 'Erik Johansson' })).toMatchObject({ status: 'review', pupilId: 'erik' });
  });

  it('gives none when nothing names anyone', () => {
    expect(match({})).toEqual({ status: 'none', pupilId: null, confidence: 0, evidence: [], candidates: [] });
    expect(match({ text: `Skolan borde börja senare\n\n${body}`, fileName: 'Uppsats slutversion.docx' }).status).toBe('none');
    expect(matchPupil({ text: `Namn: Erik Johansson\n\n${body}`, fileName: 'a.docx' }, []).status).toBe('none');
  });

  it('tolerates missing diacritics', () => {
    matched({ text: `Namn: Asa Oberg\n\n${body}` }, 'asa');
    matched({ text: `ÅSA ÖBERG\n\n${body}` }, 'asa');
    matched({ fileName: 'asa_oberg.docx' }, 'asa');
    matched({ text: `asa.oberg@skola.se\n\n${body}` }, 'asa');
  });

  it('tolerates one misspelt letter in a name of five letters or more: found for review, matched when another place agrees', () => {
    for (const name of ['Erik Johanson', 'Erik Jonhansson', 'Erik Johanssson']) {
      expect(match({ text: `Namn: ${name}\n\n${body}` })).toMatchObject({ status: 'review', pupilId: 'erik', candidates: [{ pupilId: 'erik' }] });
    }
    expect(match({ text: `Namn: Anna Lindkvist\n\n${body}` })).toMatchObject({ status: 'review', pupilId: 'anna-l' });
    expect(match({ fileName: 'anna_lindqvsit.docx' })).toMatchObject({ status: 'review', pupilId: 'anna-l' });
    // A misspelt name could be someone else's name spelt right; a second place settles it.
    matched({ text: `Namn: Erik Johanson\n\n${body}`, author: 'Erik Johansson' }, 'erik');
    // Short names are not guessed at: "Anna Bers" is not Anna Berg, nor "Åsa Berg" Åsa Öberg.
    expect(match({ text: `Namn: Anna Bers\n\n${body}` }).status).toBe('none');
    expect(match({ text: `Namn: Åsa Berg\n\n${body}` }).status).toBe('none');
    // Two letters off is someone else.
    expect(match({ text: `Namn: Erik Johnsen\n\n${body}` }).status).toBe('none');
  });

  it('sends conflicting evidence to review', () => {
    const result = match({ text: `Namn: Erik Johansson\n\n${body}`, fileName: 'elin_karlsson.docx' });
    expect(result).toMatchObject({ status: 'review', pupilId: 'erik' });
    expect(result.candidates.map((c) => c.pupilId)).toEqual(['erik', 'elin']);
    expect(result.evidence.map((e) => e.kind)).toEqual(['header-label', 'file-name']);
    expect(match({ text: `${body}\n\n/Elin Karlsson`, fileName: 'erik_johansson.docx' }).status).toBe('review');
  });

  it('sends a name that reads both ways to review ("Ali Hassan" and "Hassan Ali" in one class)', () => {
    const result = match({ text: `Namn: Ali Hassan\n\n${body}` });
    expect(result).toMatchObject({ status: 'review', pupilId: 'ali' });
    expect(result.candidates.map((c) => c.pupilId)).toEqual(['ali', 'hassan']);
    // With a comma the order is clear: "Efternamn, Förnamn".
    matched({ text: `Hassan, Ali\n\n${body}` }, 'ali');
    matched({ text: `Ali, Hassan\n\n${body}` }, 'hassan');
  });

  it('reads names of several parts', () => {
    matched({ text: `Namn: Mohammed Al-Hassan\n\n${body}` }, 'mohammed');
    matched({ text: `Namn: Anna-Karin Sjö\n\n${body}` }, 'anna-karin');
    matched({ fileName: 'anna-karin_sjo.docx' }, 'anna-karin');
    // "Anna-Karin" is not Anna: she is the only candidate (and a first name alone is for review).
    const result = match({ text: `Namn: Anna-Karin\n\n${body}` });
    expect(result).toMatchObject({ status: 'review', pupilId: 'anna-karin' });
    expect(result.candidates.map((c) => c.pupilId)).toEqual(['anna-karin']);
  });

  it('is not fooled by labels that are not the pupil, or by short lines that are not a header', () => {
    matched({ text: `Lärarens namn: Karin Holm\nNamn: Erik Johansson\n\n${body}` }, 'erik');
    expect(match({ text: `Lärarens namn: Karin Holm\n\n${body}` }).status).toBe('none');
    matched({ text: `Av och till regnar det hela dagen\n\n${body}`, fileName: 'erik_johansson.docx' }, 'erik');
    matched({ text: `Min Sommar 2026\n\n${body}`, fileName: 'erik_johansson.docx' }, 'erik');
    expect(match({ text: `Erik Johansson och jag\n\n${body}` }).status).toBe('none');
  });

  it('reads a header that a PDF joined to the first paragraph', () => {
    matched({ text: `Namn: Erik Johansson Klass: 9B ${body}` }, 'erik');
    matched({ text: `Namn: Erik Johansson ${body}` }, 'erik');
    expect(match({ text: `Namn: Anna Svensson ${body}` }).status).toBe('none');
  });

  it('keeps at most three candidates, sorted by confidence', () => {
    const result = match({ text: `Namn: Anna\n\n${body}\n\n/Erik`, fileName: 'elin.docx' });
    expect(result.candidates.length).toBeLessThanOrEqual(3);
    const confidences = result.candidates.map((c) => c.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect(result.status).toBe('review');
  });
});

describe('matchPupil: no confident wrong match', () => {
  /** Where an essay names its author, written as pupils and teachers write it. */
  const PLACES: Record<string, (first: string, last: string) => Partial<MatchInput> & { head?: string; tail?: string }> = {
    label: (f, l) => ({ head: `Namn: ${f} ${l}\nKlass: 9B` }),
    examnet: (f, l) => ({ head: `${f} ${l} 9B 2026-03-12` }),
    title: (f, l) => ({ head: `${f} ${l} – Skolan borde börja senare` }),
    lastFirst: (f, l) => ({ head: `${l}, ${f}` }),
    email: (f, l) => ({ head: `${f}.${l}@elev.skola.se`.toLowerCase().replace(/\s/g, '') }),
    author: (f, l) => ({ author: `${f} ${l}` }),
    file: (f, l) => ({ fileName: `${l} ${f} - Uppsats.docx` }),
    signature: (f, l) => ({ tail: `/${f} ${l}` }),
    firstOnly: (f) => ({ head: `Namn: ${f}` }),
  };
  const person = fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST));

  it('never matches an essay to a pupil who did not write it, whoever is named in its text', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(person, { minLength: 2, maxLength: 25, selector: ([f, l]) => `${f} ${l}` }),
        person,
        fc.constantFrom('inside', 'stranger', 'same first name', 'same surname'),
        fc.nat(),
        fc.subarray(Object.keys(PLACES), { minLength: 0, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom(undefined, 'Lärare Svenska', 'Elev', 'Karin Holm'),
        (names, randomPerson, who, pick, places, mentions, account) => {
          const klass = names.map(([f, l], i) => pupil(`p${i}`, f, l));
          const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
          const pupilsPick = names[pick % names.length];
          // Someone not on the list: anyone, or sharing a pupil's first name or surname (a new pupil, a sibling).
          const stranger: [string, string] =
            who === 'same first name' ? [pupilsPick[0], randomPerson[1]] : who === 'same surname' ? [randomPerson[0], pupilsPick[1]] : randomPerson;
          const outsider = who !== 'inside';
          if (outsider) fc.pre(!names.some(([f, l]) => fold(`${f} ${l}`) === fold(stranger.join(' '))));
          const [first, last] = outsider ? stranger : pupilsPick;
          const input: MatchInput = { text: '', fileName: `uppsats-${pick % 97}.docx`, author: account };
          const head: string[] = [];
          const tail: string[] = [];
          for (const place of places) {
            const { head: h, tail: t, ...rest } = PLACES[place](first, last);
            if (h) head.push(h);
            if (t) tail.push(t);
            Object.assign(input, rest);
          }
          // Classmates named in the body: with full names, genitives, at the start of sentences.
          const classmates = mentions.map((m) => names[m % names.length]);
          const said = classmates.map(([f, l]) => `${f} ${l} sa att ${f}s idé var bäst, och ${l} höll med om det mesta.`).join(' ');
          input.text = [...head, body, said, ...tail].filter(Boolean).join('\n\n');
          const result = matchPupil(input, klass);
          const truth = outsider ? null : klass[pick % names.length].id;
          if (result.status === 'matched') expect(result.pupilId, JSON.stringify({ input, result })).toBe(truth);
          // A whole name after a label, for a pupil on the list, is always found (other places in the input may disagree).
          if (!outsider && places.includes('label') && !places.includes('file') && !places.includes('signature')) {
            expect(result.pupilId, JSON.stringify({ input, result })).toBe(truth);
          }
        },
      ),
      { numRuns: Number(process.env.MATCH_RUNS ?? 1000) },
    );
  });
});

describe('settleDuplicates', () => {
  it('sends two essays matched to one pupil to review, and leaves the rest', () => {
    const erik = matchPupil({ text: `Namn: Erik Johansson\n\n${body}`, fileName: 'a.docx' }, klass);
    const erikAgain = matchPupil({ text: body, fileName: 'erik_johansson.docx' }, klass);
    const elin = matchPupil({ text: `Namn: Elin Karlsson\n\n${body}`, fileName: 'c.docx' }, klass);
    const nobody = matchPupil({ text: body, fileName: 'd.docx' }, klass);
    const settled = settleDuplicates(new Map([['e1', erik], ['e2', erikAgain], ['e3', elin], ['e4', nobody]]));
    expect(settled.get('e1')).toEqual({ ...erik, status: 'review' });
    expect(settled.get('e2')).toEqual({ ...erikAgain, status: 'review' });
    expect(settled.get('e3')).toBe(elin);
    expect(settled.get('e4')).toBe(nobody);
    expect([...settled.keys()]).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('sends a third essay on a pupil whose essays are already in review to review as well', () => {
    const erik = matchPupil({ text: `Namn: Erik Johansson\n\n${body}`, fileName: 'a.docx' }, klass);
    const settled = settleDuplicates(new Map([['e1', { ...erik, status: 'review' as const }], ['e2', erik]]));
    expect(settled.get('e2')?.status).toBe('review');
    // A review on another pupil, or no match, changes nothing.
    const elin = matchPupil({ text: `Namn: Elin Karlsson\n\n${body}`, fileName: 'c.docx' }, klass);
    expect(settleDuplicates(new Map([['e1', { ...erik, status: 'review' as const }], ['e3', elin]])).get('e3')).toBe(elin);
  });

  it("leaves a clear match alone beside essays in review because their evidence could not tell ('Namn: Anna' in a class of two)", () => {
    const anna = matchPupil({ text: `Namn: Anna\n\n${body}`, fileName: 'a.docx' }, klass);
    expect(anna.status).toBe('review');
    const lindqvist = matchPupil({ text: `Namn: Anna Lindqvist\n\n${body}`, fileName: 'b.docx' }, klass);
    const settled = settleDuplicates(new Map([['e1', anna], ['e2', { ...anna }], ['e3', lindqvist]]));
    expect(settled.get('e3')).toBe(lindqvist);
    expect(settled.get('e3')?.status).toBe('matched');
  });

  it('never sends the teacher\'s choice back to review', () => {
    const erik = matchPupil({ text: `Namn: Erik Johansson\n\n${body}`, fileName: 'a.docx' }, klass);
    const chosen = { ...erik, confidence: 1, byTeacher: true as const };
    const settled = settleDuplicates(new Map([['e1', chosen], ['e2', erik]]));
    expect(settled.get('e1')).toBe(chosen);
    expect(settled.get('e2')?.status).toBe('review');
  });
});
