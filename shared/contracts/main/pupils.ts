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
  /** The batch's essays are matched to this list's pupils from now on (null: to none). */
  linkClassList: { request: z.object({ batchId: Id, classListId: Id.nullable() }), response: z.object({}) },
} satisfies Contract;
