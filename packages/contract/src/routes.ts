import { type Static, type TSchema, Type } from 'typebox';
import { AuditPageSchema, AuditQuery } from './audit';
import { IdParams } from './common';
import {
  CreateDirectionBody,
  DirectionListSchema,
  DirectionParams,
  DirectionSchema,
  DirectionsQuery,
  UpdateDirectionBody,
} from './directions';
import {
  ActualBody,
  ActualParams,
  ActualRecordSchema,
  ActualsQuery,
  EntriesQuery,
  EntriesSchema,
  PlanBody,
  PlanParams,
  PlanRecordSchema,
  PlansQuery,
  YearListSchema,
} from './entries';
import { ErrorBody, errorResponses, writeErrorResponses } from './errors';
import {
  DeckQuery,
  EntriesCsvQuery,
  fileResponses,
  ReviewReportQuery,
  SummaryCsvQuery,
  WorkbookQuery,
} from './export';
import {
  ImportConflict,
  ImportQuery,
  ImportRefusal,
  ImportResultSchema,
  TemplateSchema,
} from './import';
import { LockBody, LockSchema, LocksQuery, UnlockBody, UnlockParams } from './locks';
import {
  NotificationListSchema,
  NotificationParams,
  NotificationSchema,
  ReminderSettingsBody,
  ReminderSettingsRecord,
} from './notifications';
import {
  ReportBody,
  ReportMoveBody,
  ReportParams,
  ReportReasonBody,
  ReportSchema,
} from './reports';
import { ReviewBody, ReviewParams, ReviewSchema } from './reviews';
import { LoginBody, SessionSchema } from './session';
import { ThresholdsBody, ThresholdsRecord } from './settings';
import { HistorySchema, SummaryQuery, SummarySchema } from './summary';
import { HealthSchema } from './system';
import { CreateUnitBody, UnitListSchema, UnitRecordSchema, UpdateUnitBody } from './units';
import { AdminUserSchema, CreateUserBody, UpdateUserBody } from './users';

/** What a route validates and answers, in Fastify's words (`querystring`, `response` by status). */
export type RouteSchema = {
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  response: Record<number, TSchema>;
};

/**
 * Every route of the API under `/api`, by method and path as Fastify writes it (`:id` for a
 * path parameter): the schemas it validates its input with and those of each answer. The API
 * declares each route with its entry (and adds only the documentation: tags, summary); the web
 * derives its request and answer types from it (`ApiRoutes`), so both sides change together.
 */
export const routes = {
  'GET /health': { response: { 200: HealthSchema } },
  'GET /units': { response: { 200: UnitListSchema, 500: errorResponses[500] } },
  'GET /years': { response: { 200: YearListSchema, 500: errorResponses[500] } },
  'GET /summary': {
    querystring: SummaryQuery,
    response: { 200: SummarySchema, 304: Type.Null(), ...errorResponses },
  },
  'GET /entries': {
    querystring: EntriesQuery,
    response: { 200: EntriesSchema, ...errorResponses },
  },
  'GET /units/:id/history': {
    params: IdParams,
    response: { 200: HistorySchema, ...errorResponses },
  },

  'POST /session': {
    body: LoginBody,
    response: { 200: SessionSchema, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
  },
  'GET /session': { response: { 200: SessionSchema, 401: ErrorBody } },
  'DELETE /session': { response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody } },

  'GET /actuals': {
    querystring: ActualsQuery,
    response: { 200: Type.Array(ActualRecordSchema), ...errorResponses },
  },
  'GET /plans': {
    querystring: PlansQuery,
    response: { 200: Type.Array(PlanRecordSchema), ...errorResponses },
  },
  'GET /actuals/:unitId/:year/:quarter': {
    params: ActualParams,
    response: { 200: ActualRecordSchema, ...errorResponses },
  },
  'GET /plans/:unitId/:year': {
    params: PlanParams,
    response: { 200: PlanRecordSchema, ...errorResponses },
  },
  'PUT /plans/:unitId/:year': {
    params: PlanParams,
    body: PlanBody,
    response: { 200: PlanRecordSchema, ...writeErrorResponses },
  },
  'PUT /actuals/:unitId/:year/:quarter': {
    params: ActualParams,
    body: ActualBody,
    response: { 200: ActualRecordSchema, ...writeErrorResponses },
  },

  'GET /locks': {
    querystring: LocksQuery,
    response: { 200: Type.Array(LockSchema), ...errorResponses },
  },
  'POST /locks': {
    body: LockBody,
    response: { 201: LockSchema, 409: errorResponses[400], ...errorResponses },
  },
  'DELETE /locks/:year/:quarter': {
    params: UnlockParams,
    body: UnlockBody,
    response: { 204: Type.Null(), ...errorResponses },
  },

  'GET /audit': {
    querystring: AuditQuery,
    response: { 200: AuditPageSchema, ...errorResponses },
  },

  'GET /users': { response: { 200: Type.Array(AdminUserSchema), ...writeErrorResponses } },
  'POST /users': {
    body: CreateUserBody,
    response: { 201: AdminUserSchema, ...writeErrorResponses },
  },
  'PATCH /users/:id': {
    params: IdParams,
    body: UpdateUserBody,
    response: { 200: AdminUserSchema, ...writeErrorResponses },
  },
  'POST /units': {
    body: CreateUnitBody,
    response: { 201: UnitRecordSchema, ...writeErrorResponses },
  },
  'PATCH /units/:id': {
    params: IdParams,
    body: UpdateUnitBody,
    response: { 200: UnitRecordSchema, ...writeErrorResponses },
  },

  'GET /export/summary.xlsx': { querystring: WorkbookQuery, response: fileResponses },
  'GET /export/summary.csv': { querystring: SummaryCsvQuery, response: fileResponses },
  'GET /export/entries.csv': { querystring: EntriesCsvQuery, response: fileResponses },
  'GET /export/deck.pptx': { querystring: DeckQuery, response: fileResponses },
  'GET /export/review.docx': { querystring: ReviewReportQuery, response: fileResponses },

  'GET /import/template.csv': {
    response: { 200: TemplateSchema, ...writeErrorResponses },
  },
  'POST /import': {
    querystring: ImportQuery,
    response: {
      ...writeErrorResponses,
      200: ImportResultSchema,
      400: ImportRefusal,
      403: ImportRefusal,
      409: ImportConflict,
      413: ErrorBody,
      415: ErrorBody,
    },
  },

  'GET /settings/pace': { response: { 200: ThresholdsRecord, ...errorResponses } },
  'PUT /settings/pace': {
    body: ThresholdsBody,
    response: { 200: ThresholdsRecord, ...writeErrorResponses },
  },

  'GET /settings/reminders': { response: { 200: ReminderSettingsRecord, ...errorResponses } },
  'PUT /settings/reminders': {
    body: ReminderSettingsBody,
    response: { 200: ReminderSettingsRecord, ...writeErrorResponses },
  },

  'GET /notifications': { response: { 200: NotificationListSchema, ...errorResponses } },
  'POST /notifications/:id/read': {
    params: NotificationParams,
    response: { 200: NotificationSchema, ...writeErrorResponses },
  },

  'GET /reviews/:year/:quarter': {
    params: ReviewParams,
    response: { 200: ReviewSchema, ...errorResponses },
  },
  'PUT /reviews/:year/:quarter': {
    params: ReviewParams,
    body: ReviewBody,
    response: { 200: ReviewSchema, ...writeErrorResponses },
  },
  'GET /reports/:unitId/:year/:quarter': {
    params: ReportParams,
    response: { 200: ReportSchema, ...errorResponses },
  },
  'PUT /reports/:unitId/:year/:quarter': {
    params: ReportParams,
    body: ReportBody,
    response: { 200: ReportSchema, ...writeErrorResponses },
  },
  'POST /reports/:unitId/:year/:quarter/submit': {
    params: ReportParams,
    body: ReportMoveBody,
    response: { 200: ReportSchema, ...writeErrorResponses },
  },
  'POST /reports/:unitId/:year/:quarter/approve': {
    params: ReportParams,
    body: ReportMoveBody,
    response: { 200: ReportSchema, ...writeErrorResponses },
  },
  'POST /reports/:unitId/:year/:quarter/return': {
    params: ReportParams,
    body: ReportReasonBody,
    response: { 200: ReportSchema, ...writeErrorResponses },
  },
  'POST /reports/:unitId/:year/:quarter/reopen': {
    params: ReportParams,
    body: ReportReasonBody,
    response: { 200: ReportSchema, ...writeErrorResponses },
  },

  'GET /directions': {
    querystring: DirectionsQuery,
    response: { 200: DirectionListSchema, ...errorResponses },
  },
  'POST /directions': {
    body: CreateDirectionBody,
    response: { 201: DirectionSchema, ...writeErrorResponses },
  },
  'PATCH /directions/:id': {
    params: DirectionParams,
    body: UpdateDirectionBody,
    response: { 200: DirectionSchema, ...writeErrorResponses },
  },
} satisfies Record<string, RouteSchema>;

type Routes = typeof routes;
/** `'GET /summary'`, `'PUT /plans/:unitId/:year'`…: a route of the API, under `/api`. */
export type RouteKey = keyof Routes;

/** The static type of one part of a route's schema; undefined where the route has none. */
type PartOf<R, P extends 'params' | 'querystring' | 'body'> = R extends {
  [K in P]: infer S extends TSchema;
}
  ? Static<S>
  : undefined;

/** What a route answers when it succeeds: its 200, else its 201; undefined for a 204. */
type SuccessOf<R extends Record<number, TSchema>> = R extends { 200: infer S extends TSchema }
  ? Static<S>
  : R extends { 201: infer S extends TSchema }
    ? Static<S>
    : undefined;

/**
 * The route map of types: for each route, its path parameters, query, body and success
 * answer as the server's schemas define them (undefined where the route takes none).
 */
export type ApiRoutes = {
  [K in RouteKey]: {
    params: PartOf<Routes[K], 'params'>;
    query: PartOf<Routes[K], 'querystring'>;
    body: PartOf<Routes[K], 'body'>;
    response: SuccessOf<Routes[K]['response']>;
  };
};

/** The body a route answers with a given status, e.g. `ApiErrorOf<'POST /import', 409>`. */
export type ApiAnswerOf<
  K extends RouteKey,
  Status extends keyof Routes[K]['response'],
> = Routes[K]['response'][Status] extends infer S extends TSchema ? Static<S> : never;
