import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { Id } from '../primitives';
import { ClassList, ClassListReadResult, PupilName } from '../pupils';

/** Class lists: read from a file for a preview, saved for the class, linked to a batch (issue #13). */
export const pupilsApi = {
  /** Reads a class-list file (.txt, .csv, .xlsx) into a preview; nothing is stored. */
  readClassList: {
    request: z.object({ fileName: z.string().min(1).max(1000), bytes: z.instanceof(Uint8Array) }),
    response: ClassListReadResult,
  },
  /** Saves a class list; with an id, replaces that list's pupils, keeping the ids of pupils it already had. */
  saveClassList: {
    request: z.object({ classListId: Id.optional(), name: ClassList.shape.name, pupils: z.array(PupilName).min(1).max(1000) }),
    response: z.object({ classListId: Id }),
  },
  /**
   * Links a batch to a class list (null: to none) and matches its accepted
   * essays to the list's pupils, keeping the teacher's own choices.
   */
  linkClassList: { request: z.object({ batchId: Id, classListId: Id.nullable() }), response: z.object({}) },
  /**
   * The teacher's choice of who wrote an essay: a pupil of the batch's class
   * list, or null for nobody on the list. Another essay intake matched to the
   * same pupil goes to review.
   */
  setEssayPupil: { request: z.object({ batchId: Id, essayId: Id, pupilId: Id.nullable() }), response: z.object({}) },
} satisfies Contract;
