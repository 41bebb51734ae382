import type { BatchSnapshot } from '../../shared/contracts/ipc';
import type { Pupil, PupilMatch, PupilName } from '../../shared/contracts/pupils';
import { eventIds } from '../../shared/events/ids';
import { hasSucceeded } from '../../shared/lifecycle';
import { matchPupil, settleDuplicates } from '../../shared/pupils/match';
import type { IdSource, StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';

const sameName = (a: PupilName, b: PupilName): boolean =>
  a.firstName === b.firstName && a.lastName === b.lastName && (a.email ?? '') === (b.email ?? '');

/** The same pupils, in any order. */
function sameNames(a: readonly PupilName[], b: readonly PupilName[]): boolean {
  if (a.length !== b.length) return false;
  const rest = [...b];
  return a.every((pupil) => {
    const i = rest.findIndex((other) => sameName(pupil, other));
    return i >= 0 && rest.splice(i, 1).length === 1;
  });
}

/** Each essay's match as the store holds it, by essay id. */
function standingMatches(snapshot: BatchSnapshot): Map<string, PupilMatch> {
  return new Map(snapshot.essays.flatMap((e) => (e.pupilMatch ? [[e.id, e.pupilMatch] as const] : [])));
}

const noMatch: PupilMatch = { status: 'none', pupilId: null, confidence: 0, evidence: [], candidates: [] };

/** Class lists, which batch uses which, and who wrote each essay. Pupils' names never go into a log line. */
export class PupilsService {
  constructor(
    private readonly store: StorePort,
    private readonly publisher: Publisher,
    private readonly ids: IdSource,
  ) {}

  /**
   * Saves a list; a pupil already on it keeps its id, so essays matched to
   * them stay matched. A new list with the name and pupils of a saved one is
   * that list (the same class pasted again), so it is not saved twice.
   */
  async saveClassList(request: { classListId?: string; name: string; pupils: readonly PupilName[] }, correlationId: string): Promise<string> {
    if (!request.classListId) {
      const same = (await this.store.classLists({})).find((list) => list.name === request.name && sameNames(list.pupils, request.pupils));
      if (same) return same.id;
    }
    const classListId = request.classListId ?? this.ids.uuid();
    const before = request.classListId ? await this.store.classList({ classListId }) : null;
    if (request.classListId && !before) throw new Error(`No class list ${request.classListId}`);
    const kept = [...(before?.pupils ?? [])];
    const pupils = request.pupils.map((pupil) => {
      const i = kept.findIndex((k) => sameName(k, pupil));
      const id = i >= 0 ? kept.splice(i, 1)[0]!.id : this.ids.uuid();
      return { id, ...pupil };
    });
    const data = { classListId, name: request.name, pupils };
    await this.publisher.publish({ type: 'ClassListSaved', data, id: eventIds.classListSaved(classListId, this.ids.uuid()), correlationId });
    return classListId;
  }

  /**
   * Links the batch to a list and matches its accepted essays to the list's
   * pupils, in one transaction with the link. A teacher's choice of a pupil
   * on the new list stands; every other essay is matched afresh (to nobody
   * when the batch is unlinked).
   */
  async linkClassList(batchId: string, classListId: string | null, correlationId: string): Promise<void> {
    const snapshot = await this.snapshot(batchId);
    const pupils = classListId === null ? [] : (await this.store.classList({ classListId }))?.pupils;
    if (!pupils) throw new Error(`No class list ${classListId}`);
    const fact = this.ids.uuid();
    const before = standingMatches(snapshot);
    const matches = new Map<string, PupilMatch>();
    for (const essay of snapshot.essays.filter((e) => hasSucceeded('intake', e))) {
      const standing = before.get(essay.id);
      if (standing?.byTeacher && standing.status === 'matched' && pupils.some((p) => p.id === standing.pupilId)) matches.set(essay.id, standing);
      else matches.set(essay.id, classListId === null ? noMatch : await this.match(essay, pupils));
    }
    const settled = [...settleDuplicates(matches)].filter(([essayId, match]) => match !== before.get(essayId));
    await this.publisher.publishAll([
      { type: 'BatchClassListLinked', data: { batchId, classListId }, id: eventIds.batchClassListLinked(batchId, fact), correlationId },
      ...settled.map(([essayId, match]) => ({
        type: 'EssayPupilMatched' as const,
        data: { essayId, match },
        id: eventIds.essayPupilMatched(essayId, `link/${fact}`),
        correlationId,
      })),
    ]);
  }

  /**
   * The teacher's choice of who wrote an essay (null: nobody on the list).
   * An essay intake matched to the same pupil goes to review, stored with
   * the choice.
   */
  async setEssayPupil(batchId: string, essayId: string, pupilId: string | null, correlationId: string): Promise<void> {
    const snapshot = await this.snapshot(batchId);
    const essay = snapshot.essays.find((e) => e.id === essayId);
    if (!essay || !hasSucceeded('intake', essay)) throw new Error(`No accepted essay ${essayId} in batch ${batchId}`);
    const { classListId } = snapshot.batch;
    const pupils = classListId ? ((await this.store.classList({ classListId }))?.pupils ?? []) : [];
    if (pupilId !== null && !pupils.some((p) => p.id === pupilId)) throw new Error(`Pupil ${pupilId} is not on batch ${batchId}'s class list`);
    const chosen: PupilMatch = { ...(essay.pupilMatch ?? noMatch), status: pupilId ? 'matched' : 'none', pupilId, confidence: 1, byTeacher: true };
    const before = standingMatches(snapshot);
    const fact = `teacher/${this.ids.uuid()}`;
    // The choice, and any essay intake matched to the same pupil, sent to review by the rule intake settles with.
    const settled = [...settleDuplicates(new Map([...before, [essayId, chosen]]))].filter(([id, match]) => match !== before.get(id));
    await this.publisher.publishAll(
      settled.map(([id, match]) => ({ type: 'EssayPupilMatched' as const, data: { essayId: id, match }, id: eventIds.essayPupilMatched(id, fact), correlationId })),
    );
  }

  private async match(essay: BatchSnapshot['essays'][number], pupils: readonly Pupil[]): Promise<PupilMatch> {
    const text = essay.contentHash ? await this.store.getContent({ hash: essay.contentHash }) : null;
    return matchPupil({ text: text ?? '', fileName: essay.relativePath ?? essay.fileName }, pupils);
  }

  private async snapshot(batchId: string): Promise<BatchSnapshot> {
    const snapshot = await this.store.batchSnapshot({ batchId });
    if (!snapshot) throw new Error(`No batch ${batchId}`);
    return snapshot;
  }
}
