import type { TestApp } from './helpers';

const BOUNDARY = '----targetline-import-boundary';

type ImportRequest = {
  mode: 'dry-run' | 'apply';
  fileName?: string;
  content: Buffer | string;
  /** The apply's basis: sent as JSON text in the field "basis", before the file; omitted when undefined. */
  basis?: unknown;
  /** Raw text for the field "basis" instead of `basis` (to send a malformed one). */
  basisText?: string;
  lang?: 'vi' | 'en';
};

/** The multipart body of an import: the basis field (if any), then the file. */
export function importPayload({
  fileName = 'figures.csv',
  content,
  basis,
  basisText,
}: Omit<ImportRequest, 'mode' | 'lang'>): Buffer {
  const text = basisText ?? (basis === undefined ? undefined : JSON.stringify(basis));
  return Buffer.concat([
    Buffer.from(
      text === undefined
        ? ''
        : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="basis"\r\n\r\n${text}\r\n`,
    ),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/**
 * POST /api/import with a file, as a browser sends it. `headers` are the agent's (cookie and
 * CSRF token; a JSON content type is replaced); none for an anonymous request.
 */
export function postImport(
  app: TestApp,
  headers: Record<string, string>,
  { mode, lang, ...body }: ImportRequest,
) {
  return app.inject({
    method: 'POST',
    url: `/api/import?mode=${mode}${lang ? `&lang=${lang}` : ''}`,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: importPayload(body),
  });
}

/**
 * An import as the import page makes it: the dry run, then the apply of the same file with
 * the basis the dry run returned. Returns the apply's response. When the dry run is refused
 * (401, 403, a file that cannot be read) the apply is still sent, without a basis, so that
 * its own refusal is what the caller sees (401/403 come before the basis is asked for).
 */
export async function importApply(
  app: TestApp,
  headers: Record<string, string>,
  csvText: Buffer | string,
  { fileName = 'figures.csv', lang }: { fileName?: string; lang?: 'vi' | 'en' } = {},
) {
  const dryRun = await postImport(app, headers, {
    mode: 'dry-run',
    fileName,
    content: csvText,
    ...(lang && { lang }),
  });
  const basis = dryRun.statusCode === 200 ? dryRun.json<{ basis: unknown }>().basis : undefined;
  return postImport(app, headers, {
    mode: 'apply',
    fileName,
    content: csvText,
    ...(lang && { lang }),
    ...(basis !== undefined && { basis }),
  });
}
