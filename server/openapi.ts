import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { MAX_PAYLOAD_BYTES, MIN_GROUP, SyncAck, SyncPayload } from '../shared/contracts/sync';
import { ErrorBody, GradeDistribution, GradeDistributionQuery, Health } from './contracts';

/**
 * The receiver's OpenAPI document, generated from the zod schemas so that it
 * cannot drift from what the code parses. `npx tsx server/openapi.ts` rewrites
 * server/openapi.json; a test checks that the committed file is up to date.
 */

export const OPENAPI_PATH = fileURLToPath(new URL('./openapi.json', import.meta.url));

function schema(type: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'throw' });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('Error') });

export function openApiDocument(): Record<string, unknown> {
  const query = GradeDistributionQuery.shape;
  return {
    openapi: '3.1.0',
    info: {
      title: 'HuleEdu municipal receiver',
      version: '1.0.0',
      description:
        'Receives the anonymised batch results that HuleEdu Desktop pushes, and answers grade distributions ' +
        `with every group and cell of fewer than ${MIN_GROUP} pupils suppressed. Errors carry a stable code and a message in Swedish and English. ' +
        'Any request may also be answered 400 BAD_REQUEST (malformed, no Host, or a target that is not a path), 408 REQUEST_TIMEOUT, ' +
        '417 EXPECTATION_FAILED, 431 HEADERS_TOO_LARGE, or 429 RATE_LIMITED when its client address has used its bucket (before the token is checked).`,
    },
    components: {
      securitySchemes: { schoolToken: { type: 'http', scheme: 'bearer', description: 'A school token, made with `server/main.ts token SCHOOL_ID`.' } },
      schemas: {
        SyncPayload: schema(SyncPayload, 'input'),
        SyncAck: schema(SyncAck, 'output'),
        Error: schema(ErrorBody, 'output'),
        GradeDistribution: schema(GradeDistribution, 'output'),
        Health: schema(Health, 'output'),
      },
    },
    paths: {
      '/v1/results': {
        post: {
          summary: "Push one batch's anonymised results",
          security: [{ schoolToken: [] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: "Must equal the payload's idempotencyKey.",
              schema: schema(z.uuid(), 'input'),
            },
          ],
          requestBody: { required: true, description: `At most ${MAX_PAYLOAD_BYTES} bytes of JSON.`, content: json('SyncPayload') },
          responses: {
            '201': { description: 'Stored.', content: json('SyncAck') },
            '200': { description: 'Already stored under this idempotency key; nothing was stored again.', content: json('SyncAck') },
            '400': error('INVALID_JSON, INVALID_PAYLOAD (with issues), INVALID_TEXT or INVALID_IDEMPOTENCY_KEY.'),
            '401': error('UNAUTHORIZED: no token, or not a known one.'),
            '403': error("FORBIDDEN_SCHOOL: the payload's schoolId is not the token's school."),
            '409': error('IDEMPOTENCY_KEY_CONFLICT: the key is taken by another school.'),
            '413': error('PAYLOAD_TOO_LARGE.'),
            '415': error('UNSUPPORTED_MEDIA_TYPE: not application/json.'),
            '422': error('PERSONAL_DATA (with findings): a string looks like a personnummer, an e-mail address or a phone number.'),
            '429': error('RATE_LIMITED: the token or the client address has used its bucket; see Retry-After.'),
          },
        },
      },
      '/v1/aggregates/grade-distribution': {
        get: {
          summary: 'Pupils per grade for a course and term, across schools, small groups suppressed',
          security: [{ schoolToken: [] }],
          parameters: [
            { name: 'course', in: 'query', required: true, schema: schema(query.course, 'input') },
            { name: 'term', in: 'query', required: true, schema: schema(query.term, 'input') },
          ],
          responses: {
            '200': { description: 'The distribution.', content: json('GradeDistribution') },
            '400': error('INVALID_QUERY (with issues).'),
            '401': error('UNAUTHORIZED.'),
            '429': error('RATE_LIMITED: the token or the client address has used its bucket; see Retry-After.'),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness, and whether the database answers',
          responses: {
            '200': { description: 'Up.', content: json('Health') },
            '503': { description: 'The database does not answer.', content: json('Health') },
            '429': error('RATE_LIMITED: the client address has used its bucket; see Retry-After.'),
          },
        },
      },
    },
  };
}

export function renderOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(OPENAPI_PATH, renderOpenApi());
