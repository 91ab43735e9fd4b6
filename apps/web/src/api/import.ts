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

export type ImportResult = {
  mode: ImportMode;
  isApplied: boolean;
  fileName: string;
  issues: ImportIssue[];
  changes: ImportChange[];
  /** Rows whose figure is already the same. */
  unchanged: number;
};

/** A refused import: an ApiError that also lists the rows at fault (400 import_invalid, 403). */
export class ImportError extends ApiError {
  readonly issues: ImportIssue[];

  constructor(init: ConstructorParameters<typeof ApiError>[0] & { issues: ImportIssue[] }) {
    super(init);
    this.name = 'ImportError';
    this.issues = init.issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Sends a spreadsheet to `POST /api/import` as multipart/form-data (apiFetch sends JSON only).
 * Throws an ImportError for any non-2xx answer.
 */
export async function postImport({
  file,
  mode,
  locale,
  csrfToken,
}: {
  file: File;
  mode: ImportMode;
  locale: Locale;
  csrfToken: string | undefined;
}): Promise<ImportResult> {
  const form = new FormData();
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
  });
}

export function useImportMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; mode: ImportMode; locale: Locale }) =>
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
