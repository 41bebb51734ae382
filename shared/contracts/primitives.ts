import { z } from 'zod';

/** Ids and times every contract uses; in a module of their own so contracts can import them without a cycle. */
export const Id = z.string().min(1).max(200);
/** Lowercase hex SHA-256. Content versions and raw files are addressed by it. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const IsoTime = z.iso.datetime();
