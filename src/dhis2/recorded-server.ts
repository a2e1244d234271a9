// For tests: a DHIS2 server on 127.0.0.1 that answers `GET /api/dataValueSets.json` with the responses
// recorded in fixtures/ (one file a month, shaped as DHIS2 2.40 returns them), 500 for the months asked to
// fail, an empty set for a month not recorded, and 401 to any credentials but headway:district.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const fixtures = path.join(import.meta.dirname, 'fixtures');

/** The recorded mapping of the fixtures' UIDs to the tiny authority's codes (kind, code, uid, name). */
export const recordedMapping = () => fs.readFileSync(path.join(fixtures, 'mapping.csv'));

export async function recordedDhis2(failing: string[] = []) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const json = (status: number, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(body);
    };
    if (req.headers.authorization !== `Basic ${Buffer.from('headway:district').toString('base64')}`)
      return json(
        401,
        '{"httpStatus":"Unauthorized","httpStatusCode":401,"status":"ERROR","message":"Unauthorized"}',
      );
    const period = (url.searchParams.get('startDate') ?? '').slice(0, 7).replace('-', '');
    if (failing.includes(period))
      return json(500, '{"httpStatus":"Internal Server Error","httpStatusCode":500,"status":"ERROR"}');
    const file = path.join(fixtures, `dataValueSets-${period}.json`);
    return json(200, fs.existsSync(file) ? fs.readFileSync(file) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
