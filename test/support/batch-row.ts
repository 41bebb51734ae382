import type { Batch } from '../../shared/contracts/domain';

/**
 * A stored batch row for tests that write the store directly: a Swedish batch
 * with intake and spellcheck and nothing else, so each test names only what
 * it is about (and a new field of Batch is given its default here, once).
 */
export function batchRow(fields: Partial<Batch> & Pick<Batch, 'id' | 'createdAt'>): Batch {
  return {
    title: 'Batch',
    className: '',
    course: '',
    language: 'sv',
    detectPerEssay: false,
    englishVariant: 'both',
    names: [],
    pipeline: ['intake', 'spellcheck'],
    nextSeq: 1,
    addedWords: [],
    phases: {},
    ...fields,
  };
}
