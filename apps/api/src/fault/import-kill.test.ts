import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActualRecord } from '@targetline/contract';
import { checkIntegrity } from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../test/helpers';
import {
  getJson,
  logIn,
  prepareServer,
  readAudit,
  type ServerProcess,
  type Session,
  type StandbyServer,
  startServer,
} from './server-process';

// A 1,000-row import is one transaction: a SIGKILL while it is being applied leaves all of it
// or none of it, never a part, and the audit rows go with the figures.
const ROWS = 1_000;
const ROUNDS = 3;
const FIRST_YEAR = 2030;
const YEARS = 32;

let dir: string;
let path: string;
let server: ServerProcess | null = null;
const standbys: Array<Promise<StandbyServer>> = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'targetline-import-kill-'));
  path = join(dir, 'targetline.db');
});
afterAll(async () => {
  await server?.kill();
  for (const standby of standbys) await standby.then((s) => s.kill()).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

type Figure = Pick<ActualRecord, 'unitId' | 'quarter' | 'amount'>;
type Row = { code: string; year: number; quarter: number };

const upload = (
  baseUrl: string,
  session: Session,
  mode: 'dry-run' | 'apply',
  fileName: string,
  csv: string,
  basis?: unknown,
) => {
  const form = new FormData();
  // The apply sends back the dry run's basis, before the file.
  if (basis !== undefined) form.append('basis', JSON.stringify(basis));
  form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
  return fetch(`${baseUrl}/api/import?mode=${mode}&lang=en`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: form,
  });
};

// The file's durability is SQLite's; a run of the API suite on PostgreSQL would only repeat this.

describe.runIf(TEST_ENGINE === 'sqlite')(
  'the server killed while a 1,000-row import is applied',
  () => {
    it('keeps all of the import or none of it, audit rows included', async () => {
      for (let round = 1; round <= ROUNDS; round++) standbys.push(prepareServer(path));
      server = await startServer(path);
      let baseUrl = server.baseUrl;
      let admin = await logIn(baseUrl, 'admin');
      const units = await getJson<Array<{ id: number; code: string; parentId: number | null }>>(
        baseUrl,
        admin,
        '/api/units',
      );
      // Actuals of the units under the root, quarter by quarter over the years from 2030.
      const codes = units.filter((u) => u.parentId !== null).map((u) => u.code);
      const rows: Row[] = [];
      for (let y = 0; y < YEARS && rows.length < ROWS; y++) {
        for (const code of codes) {
          for (let quarter = 1; quarter <= 4 && rows.length < ROWS; quarter++) {
            rows.push({ code, year: FIRST_YEAR + y, quarter });
          }
        }
      }
      expect(rows).toHaveLength(ROWS);
      const idOf = new Map(units.map((u) => [u.code, u.id]));
      const keys = new Set(rows.map((r) => `${idOf.get(r.code)}/${r.year}/${r.quarter}`));

      /** How many of the rows hold `amountOf(round, …)`, and how many audit rows name the file. */
      const countApplied = async (round: number) => {
        let figures = 0;
        for (let y = 0; y < YEARS; y++) {
          const { actuals } = await getJson<{ actuals: Figure[] }>(
            baseUrl,
            admin,
            `/api/entries?year=${FIRST_YEAR + y}`,
          );
          for (const a of actuals) {
            if (
              keys.has(`${a.unitId}/${FIRST_YEAR + y}/${a.quarter}`) &&
              a.amount % 1_000 === round
            )
              figures++;
          }
        }
        const audit = (await readAudit(baseUrl, admin)).filter(
          (a) => a.entity === 'actual' && a.comment === `import: kill-round-${round}.csv`,
        );
        return { figures, audit: audit.length };
      };

      const outcomes: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        // Every row changes in every round; the amount's last digits name the round.
        const csv = `unit_code,year,quarter,type,amount\r\n${rows
          .map((r, i) => `${r.code},${r.year},${r.quarter},actual,${(i + 1) * 1_000_000 + round}`)
          .join('\r\n')}\r\n`;
        const fileName = `kill-round-${round}.csv`;
        const dryRunStarted = Date.now();
        const dryRun = await upload(baseUrl, admin, 'dry-run', fileName, csv);
        const dryRunMs = Date.now() - dryRunStarted;
        const planned = (await dryRun.json()) as {
          issues: unknown[];
          changes: unknown[];
          basis: unknown[];
        };
        expect(planned.issues).toEqual([]);
        expect(planned.changes).toHaveLength(ROWS);

        // An apply reads and plans like its dry run, then runs the transaction. The rounds
        // kill at a random moment of successive windows: early (before the transaction),
        // around it, and late (mostly after its commit).
        const windows: Array<[number, number]> = [
          [0, 0.7],
          [0.7, 1.4],
          [1.4, 2.5],
        ];
        const [from, to] = windows[(round - 1) % windows.length] ?? [0, 1];
        const delay = dryRunMs * (from + (to - from) * Math.random());
        let answer = 'none';
        const applying = upload(baseUrl, admin, 'apply', fileName, csv, planned.basis).then(
          async (res) => {
            answer = `${res.status}`;
            return res.status === 200 ? ((await res.json()) as { isApplied: boolean }) : null;
          },
          () => null,
        );
        await new Promise((r) => setTimeout(r, delay));
        await server.kill();
        server = null;
        const applied = await applying;

        const standby = await standbys[round - 1];
        if (!standby) throw new Error('no standby server');
        server = await standby.start();
        baseUrl = server.baseUrl;
        admin = await logIn(baseUrl, 'admin');
        expect(checkIntegrity(path)).toEqual({ isOk: true, problems: [] });
        const { figures, audit } = await countApplied(round);
        expect([0, ROWS], `round ${round}: ${figures} of ${ROWS} rows changed`).toContain(figures);
        expect(audit, `round ${round}: audit rows`).toBe(figures);
        // An import the server answered as applied must be there in full.
        if (applied?.isApplied) expect(figures).toBe(ROWS);
        outcomes.push(
          `round ${round}: killed after ${Math.round(delay)} ms (dry run ${dryRunMs} ms), answer ${answer}, ${figures} rows applied`,
        );
      }
      console.info(`import kill: ${outcomes.join('; ')}`);
    }, 120_000);
  },
);
