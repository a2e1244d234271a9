// The API's document is committed (docs/openapi.json), so a change to any route, parameter or shape
// shows in review as a diff of that file, and the web's types (taken from the same contracts) cannot
// drift from what a client of the API reads.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiDocument } from './server.ts';

describe('the committed OpenAPI document', () => {
  it('is the one the server serves (after a change to the API: npm run openapi, and commit it)', () => {
    const committed = JSON.parse(fs.readFileSync('docs/openapi.json', 'utf8'));
    expect(JSON.parse(JSON.stringify(apiDocument()))).toEqual(committed);
  });
});
