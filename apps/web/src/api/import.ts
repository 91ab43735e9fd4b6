import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ImportBasisEntry,
  ImportConflict,
  ImportIssue,
  ImportMode,
  ImportMovedRow,
  ImportRefusal,
  ImportResult,
} from '@targetline/contract';
import type { Locale } from '@targetline/core';
import { ApiError, pathOf } from './client';
import { invalidateFigures } from './hooks';
import { csrfTokenOf } from './query-client';

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
 * Sends a spreadsheet to `POST /api/import` as multipart/form-data (`request` sends JSON only);
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
    response = await fetch(`/api${pathOf('POST /import', { query: { mode, lang: locale } })}`, {
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
  // The refusals' shapes (400, 403, 409), checked field by field: a proxy may answer otherwise.
  const fields: Partial<Record<keyof (ImportRefusal & ImportConflict), unknown>> = isRecord(body)
    ? body
    : {};
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
