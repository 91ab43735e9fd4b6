import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '@targetline/core';
import { ApiError } from './client';
import { invalidateFigures } from './hooks';
import { csrfTokenOf } from './query-client';

export type ImportMode = 'dry-run' | 'apply';

/** A row the import refuses; `row` is the spreadsheet's row number (1 = the header). */
export type ImportIssue = { row: number; column: string; reason: string };

/** A figure the import would write (dry run) or wrote (apply). Amounts are integer đồng. */
export type ImportChange = {
  row: number;
  unitCode: string;
  unitName: string;
  year: number;
  /** null for an annual plan. */
  quarter: number | null;
  /** 'plan', 'target' or 'actual'. */
  kind: string;
  /** null when the figure did not exist yet. */
  old: number | null;
  new: number;
};

/**
 * A figure the file touches with the version the dry run saw (0: not there yet). The apply
 * sends the dry run's list back, so that it writes nothing if any of them changed since.
 */
export type ImportBasisEntry = {
  kind: 'plan' | 'actual';
  unitId: number;
  year: number;
  /** null for a plan (its quarter targets are part of it). */
  quarter: number | null;
  version: number;
};

export type ImportResult = {
  mode: ImportMode;
  isApplied: boolean;
  fileName: string;
  /** The first problems (at most 200); `issueCount` counts them all. */
  issues: ImportIssue[];
  issueCount: number;
  changes: ImportChange[];
  /** Rows whose figure is already the same. */
  unchanged: number;
  basis: ImportBasisEntry[];
};

/** A row of the file whose figure was changed by someone else after the dry run (409). */
export type ImportMovedRow = {
  row: number;
  unitCode: string;
  year: number;
  quarter: number | null;
  /** 'plan', 'target' or 'actual'. */
  kind: string;
};

/**
 * A refused import: an ApiError that also lists the rows at fault (400 import_invalid, 403)
 * or, on a 409, the rows whose figures changed since the dry run.
 */
export class ImportError extends ApiError {
  readonly issues: ImportIssue[];
  /** All the problems, where `issues` lists only the first. */
  readonly issueCount: number;
  readonly moved: ImportMovedRow[];

  constructor(
    init: ConstructorParameters<typeof ApiError>[0] & {
      issues: ImportIssue[];
      issueCount?: number;
      moved?: ImportMovedRow[];
    },
  ) {
    super(init);
    this.name = 'ImportError';
    this.issues = init.issues;
    this.issueCount = init.issueCount ?? init.issues.length;
    this.moved = init.moved ?? [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export type ImportInput = {
  file: File;
  mode: ImportMode;
  locale: Locale;
  /** For an apply: the basis of the dry run the user looked at. */
  basis?: ImportBasisEntry[];
};

/**
 * Sends a spreadsheet to `POST /api/import` as multipart/form-data (apiFetch sends JSON only);
 * an apply sends its basis as the field "basis", before the file, as the API requires.
 * Throws an ImportError for any non-2xx answer.
 */
export async function postImport({
  file,
  mode,
  locale,
  basis,
  csrfToken,
}: ImportInput & { csrfToken: string | undefined }): Promise<ImportResult> {
  const form = new FormData();
  if (basis !== undefined) form.append('basis', JSON.stringify(basis));
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    // No Content-Type: the browser writes the multipart boundary itself.
    response = await fetch(`/api/import?mode=${mode}&lang=${locale}`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ImportError({
      status: 0,
      code: 'network_error',
      message: cause instanceof Error ? cause.message : String(cause),
      issues: [],
    });
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy may answer 413 with HTML: the status says enough.
  }
  if (response.ok) return body as ImportResult;
  const fields = isRecord(body) ? body : {};
  throw new ImportError({
    status: response.status,
    code: typeof fields.error === 'string' ? fields.error : 'http_error',
    message:
      typeof fields.message === 'string'
        ? fields.message
        : `${response.status} ${response.statusText}`.trim(),
    field: typeof fields.field === 'string' ? fields.field : undefined,
    issues: Array.isArray(fields.issues) ? (fields.issues as ImportIssue[]) : [],
    ...(typeof fields.issueCount === 'number' && { issueCount: fields.issueCount }),
    ...(Array.isArray(fields.moved) && { moved: fields.moved as ImportMovedRow[] }),
  });
}

export function useImportMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportInput) =>
      postImport({ ...input, csrfToken: csrfTokenOf(queryClient) }),
    onSuccess: (result) => {
      if (result.isApplied) void invalidateFigures(queryClient);
    },
    onError: (error) => {
      // 409: a figure changed meanwhile, so what we show is stale.
      if (error instanceof ApiError && error.status === 409) void invalidateFigures(queryClient);
    },
  });
}
