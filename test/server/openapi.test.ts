import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, openApiDocument, renderOpenApi } from '../../server/openapi';
import { makePayload } from './support';

describe('server/openapi.json', () => {
  it('is what server/openapi.ts generates from the zod schemas (regenerate: npx tsx server/openapi.ts)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi());
  });

  it('describes the push body as the desktop builds it', () => {
    const schemas = (openApiDocument().components as { schemas: Record<string, object> }).schemas;
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schemas.SyncPayload);
    const payload = makePayload('skola-norr');
    expect(validate(payload)).toBe(true);
    expect(validate({ ...payload, elevnamn: 'x' })).toBe(false);
    expect(validate({ ...payload, pupils: payload.pupils.slice(0, 4) })).toBe(false);
  });
});
