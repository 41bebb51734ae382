import type { PupilName } from '../../shared/contracts/pupils';
import { eventIds } from '../../shared/events/ids';
import type { IdSource, StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';

const sameName = (a: PupilName, b: PupilName): boolean =>
  a.firstName === b.firstName && a.lastName === b.lastName && (a.email ?? '') === (b.email ?? '');

/** Class lists and which batch uses which. Pupils' names never go into a log line. */
export class PupilsService {
  constructor(
    private readonly store: StorePort,
    private readonly publisher: Publisher,
    private readonly ids: IdSource,
  ) {}

  /** Saves a list; a pupil already on it keeps its id, so essays matched to them stay matched. */
  async saveClassList(request: { classListId?: string; name: string; pupils: readonly PupilName[] }, correlationId: string): Promise<string> {
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

  async linkClassList(batchId: string, classListId: string | null, correlationId: string): Promise<void> {
    const data = { batchId, classListId };
    await this.publisher.publish({ type: 'BatchClassListLinked', data, id: eventIds.batchClassListLinked(batchId, this.ids.uuid()), correlationId });
  }
}
