import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActualRecord } from '@targetline/contract';
import {
  backupSqlite,
  checkIntegrity,
  createSqliteRepository,
  journalModeOf,
} from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../test/helpers';
import {
  type AuditRow,
  getJson,
  logIn,
  prepareServer,
  readAudit,
  type ServerProcess,
  type Session,
  type StandbyServer,
  startServer,
} from './server-process';

// The production server killed with SIGKILL at random moments while clients write: every
// write it acknowledged must be there after a restart, the file must be sound, and the audit
// log must agree with the figures. Nothing here is mocked: real process, real fsync.
const ROUNDS = 5;
const YEAR = 2025;
const LEAD_UNITS = ['TT-ATM', 'CTY-PTCN', 'P-MTB', 'P-XDCTN', 'P-KTLT', 'P-KTHL'];
const ADMIN_CLIENTS = 2;

type Figure = Pick<ActualRecord, 'unitId' | 'year' | 'quarter' | 'amount' | 'version'>;
type Write = { key: string; amount: number; expectedVersion: number };

const keyOf = (unitId: number, quarter: number) => `actual:${unitId}/${YEAR}/${quarter}`;

let dir: string;
let path: string;
let server: ServerProcess | null = null;
const standbys: Array<Promise<StandbyServer>> = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'targetline-kill-'));
  path = join(dir, 'targetline.db');
});
afterAll(async () => {
  await server?.kill();
  for (const standby of standbys) await standby.then((s) => s.kill()).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

// The file's durability is SQLite's; a run of the API suite on PostgreSQL would only repeat this.

describe.runIf(TEST_ENGINE === 'sqlite')(
  'the server killed with SIGKILL while clients write',
  () => {
    it(`keeps every acknowledged write through ${ROUNDS} kills, with a sound file and a matching audit log`, async () => {
      // The servers of the restarts load their modules meanwhile (see standby-server.ts);
      // each opens the database only after the kill before it.
      for (let round = 1; round <= ROUNDS; round++) standbys.push(prepareServer(path));
      server = await startServer(path);
      let baseUrl = server.baseUrl;
      expect(journalModeOf(path)).toBe('wal');

      const admin = await logIn(baseUrl, 'admin');
      const units = await getJson<Array<{ id: number; code: string }>>(
        baseUrl,
        admin,
        '/api/units',
      );
      const idOf = (code: string) => {
        const unit = units.find((u) => u.code === code);
        if (!unit) throw new Error(`demo unit ${code} missing`);
        return unit.id;
      };
      const allKeys = LEAD_UNITS.flatMap((code) =>
        [1, 2, 3, 4].map((q) => ({ unitId: idOf(code), quarter: q })),
      );
      // Each lead writes its own unit's quarters; two admin sessions write any of them, so
      // writers collide and must re-read on 409.
      const clients: Array<{ session: Session; keys: typeof allKeys }> = [];
      for (const code of LEAD_UNITS) {
        clients.push({
          session: await logIn(baseUrl, `lead-${code.toLowerCase()}`),
          keys: allKeys.filter((k) => k.unitId === idOf(code)),
        });
      }
      for (let i = 0; i < ADMIN_CLIENTS; i++) {
        clients.push({ session: await logIn(baseUrl, 'admin'), keys: allKeys });
      }

      const sent: Write[] = [];
      const acknowledged: Write[] = [];
      const unexpected: string[] = [];
      let nextAmount = 1_000_000;
      let isRunning = true;
      // Clients wait at the gate while the server is down and while the checks run.
      let gate: Promise<void> = Promise.resolve();
      let parked = 0;

      const runClient = async ({ session, keys }: (typeof clients)[number]) => {
        const known = new Map<string, number>();
        while (isRunning) {
          parked++;
          await gate;
          parked--;
          if (!isRunning) return;
          const target = keys[Math.floor(Math.random() * keys.length)];
          if (!target) return;
          const key = keyOf(target.unitId, target.quarter);
          const write = { key, amount: nextAmount++, expectedVersion: known.get(key) ?? 0 };
          sent.push(write);
          try {
            const res = await fetch(
              `${baseUrl}/api/actuals/${target.unitId}/${YEAR}/${target.quarter}`,
              {
                method: 'PUT',
                headers: {
                  cookie: session.cookie,
                  'x-csrf-token': session.csrfToken,
                  'content-type': 'application/json',
                },
                body: JSON.stringify({ amount: write.amount, version: write.expectedVersion }),
                signal: AbortSignal.timeout(15_000),
              },
            );
            const body = (await res.json()) as Figure & { current?: Figure };
            if (res.status === 200) {
              acknowledged.push(write);
              if (body.version !== write.expectedVersion + 1) {
                unexpected.push(
                  `${key} answered v${body.version} for a write from v${write.expectedVersion}`,
                );
              }
              known.set(key, body.version);
            } else if (res.status === 409 && body.current) {
              known.set(key, body.current.version);
            } else {
              unexpected.push(`${res.status} ${JSON.stringify(body)}`);
            }
            // A short pause between writes, as people make: the machine stays responsive.
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
          } catch {
            // Killed mid-request: the write may or may not have committed. Wait for the
            // restart; a stale version then gets 409 and a re-read.
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };

      const check = async (round: number) => {
        const integrity = checkIntegrity(path);
        expect(integrity, `round ${round}`).toEqual({ isOk: true, problems: [] });
        const { actuals } = await getJson<{ actuals: Figure[] }>(
          baseUrl,
          admin,
          `/api/entries?year=${YEAR}`,
        );
        const stored = new Map(actuals.map((a) => [keyOf(a.unitId, a.quarter), a]));
        const audit = (await readAudit(baseUrl, admin, YEAR)).filter((a) => a.entity === 'actual');
        const auditOf = new Map<string, AuditRow[]>();
        for (const row of audit)
          auditOf.set(row.entityKey, [...(auditOf.get(row.entityKey) ?? []), row]);

        // Every acknowledged write is in the audit log with the version it was answered.
        const acknowledgedVersion = new Map<string, number>();
        for (const write of acknowledged) {
          const version = write.expectedVersion + 1;
          const rows = auditOf.get(write.key) ?? [];
          expect(
            rows.some((r) => {
              const v = r.newValue as Figure;
              return v.version === version && v.amount === write.amount;
            }),
            `round ${round}: acknowledged ${write.key} = ${write.amount} (v${version}) is lost`,
          ).toBe(true);
          acknowledgedVersion.set(
            write.key,
            Math.max(acknowledgedVersion.get(write.key) ?? 0, version),
          );
        }
        expect(audit.length).toBeGreaterThanOrEqual(acknowledged.length);

        for (const [key, figure] of stored) {
          // Never behind the last acknowledged version; the one stored is the last
          // acknowledged write, or a later one that was sent but whose answer was lost.
          const lastAcked = acknowledgedVersion.get(key) ?? 0;
          expect(figure.version, `${key} went back`).toBeGreaterThanOrEqual(lastAcked);
          expect(
            sent.some(
              (w) =>
                w.key === key &&
                w.amount === figure.amount &&
                w.expectedVersion === figure.version - 1,
            ),
            `${key} holds ${figure.amount} (v${figure.version}), which no client sent from v${figure.version - 1}`,
          ).toBe(true);
          if (figure.version === lastAcked) {
            const ack = acknowledged.find(
              (w) => w.key === key && w.expectedVersion + 1 === lastAcked,
            );
            expect(figure.amount).toBe(ack?.amount);
          }
          // The audit chain has one row per version, the newest being the stored figure.
          const rows = auditOf.get(key) ?? [];
          expect(rows.map((r) => (r.newValue as Figure).version)).toEqual(
            Array.from({ length: figure.version }, (_, i) => i + 1),
          );
          expect(rows.at(-1)?.newValue).toMatchObject({
            amount: figure.amount,
            version: figure.version,
          });
        }
        for (const key of acknowledgedVersion.keys())
          expect(stored.has(key), `${key} vanished`).toBe(true);
      };

      /**
       * `targetline backup`'s function, run against the server process while the clients
       * write: the copy is sound, holds every write acknowledged before it began, and its audit
       * log agrees with its figures (one moment, not a mix).
       */
      let backedUpWrites = 0;
      const checkOnlineBackup = async () => {
        const acknowledgedBefore = [...acknowledged];
        const backupPath = join(dir, 'online-backup.db');
        await backupSqlite(path, backupPath);
        expect(checkIntegrity(backupPath)).toEqual({ isOk: true, problems: [] });
        const copy = createSqliteRepository({ path: backupPath });
        try {
          const { actuals } = await copy.getYearEntries(YEAR);
          const audit = (await copy.listAudit({ year: YEAR, limit: 1_000_000 })).reverse();
          for (const figure of actuals) {
            const rows = audit.filter((a) => a.entityKey === keyOf(figure.unitId, figure.quarter));
            expect(rows.map((r) => (r.newValue as Figure).version)).toEqual(
              Array.from({ length: figure.version }, (_, i) => i + 1),
            );
            expect(rows.at(-1)?.newValue).toMatchObject({
              amount: figure.amount,
              version: figure.version,
            });
          }
          for (const write of acknowledgedBefore) {
            expect(
              audit.some(
                (a) =>
                  a.entityKey === write.key &&
                  (a.newValue as Figure).amount === write.amount &&
                  (a.newValue as Figure).version === write.expectedVersion + 1,
              ),
              `backup lacks acknowledged ${write.key} = ${write.amount}`,
            ).toBe(true);
          }
          backedUpWrites = audit.length;
        } finally {
          await copy.close();
        }
      };

      const running = clients.map((c) => runClient(c));
      const observed: string[] = [];
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          const ackedBefore = acknowledged.length;
          // A freshly started server is slow to its first answers on a busy machine: let each
          // round acknowledge a few writes, then kill at a random moment of the writing.
          while (acknowledged.length < ackedBefore + 3) await new Promise((r) => setTimeout(r, 10));
          await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
          if (round === 3) await checkOnlineBackup();
          const standby = await standbys[round - 1];
          if (!standby) throw new Error('no standby server');
          let release: () => void = () => {};
          gate = new Promise<void>((r) => {
            release = r;
          });
          await server.kill();
          server = null;
          // Every client has had its answer or its error before the checks begin.
          while (parked < clients.length) await new Promise((r) => setTimeout(r, 10));
          server = await standby.start();
          baseUrl = server.baseUrl;
          await check(round);
          observed.push(
            `round ${round}: ${acknowledged.length - ackedBefore} acknowledged (${acknowledged.length} in all), ${sent.length} sent`,
          );
          release();
        }
      } finally {
        isRunning = false;
        await Promise.all(running);
      }
      console.info(
        `kill -9: ${observed.join('; ')}; online backup in round 3 held ${backedUpWrites} writes`,
      );
      expect(backedUpWrites).toBeGreaterThan(0);
      expect(unexpected).toEqual([]);
      // The rounds did write: a test that acknowledged nothing would prove nothing.
      expect(acknowledged.length).toBeGreaterThan(ROUNDS * 5);
    }, 120_000);
  },
);
