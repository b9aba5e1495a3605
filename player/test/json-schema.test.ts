import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderJsonSchema, SCHEMA_FILE } from '../scripts/write-json-schema.js';

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const sample = JSON.parse(
  readFileSync(
    new URL('../../detector/test/fixtures/playback/checkout.playback.json', import.meta.url),
    'utf8',
  ),
);

describe('playback-v1.schema.json', () => {
  it('is up to date with the zod schema (regenerate with npm run schema -w player)', () => {
    expect(committed).toBe(renderJsonSchema());
  });

  it('lets a tool outside TypeScript validate a playback file', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(committed));
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a file with a wrong type at the same place the zod reader does', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(committed));
    const broken = structuredClone(sample);
    broken.steps[5].target.selectors = 'button';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/steps/5/target/selectors')).toBe(true);
  });
});
