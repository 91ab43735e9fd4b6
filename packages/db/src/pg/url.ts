// Apart from client.ts, so that the package's index exports it without importing pg (./lazy.ts).
/** True for the URLs that select the PostgreSQL engine (DATABASE_URL). */
export const isPostgresUrl = (url: string | undefined | null): url is string =>
  typeof url === 'string' && /^postgres(ql)?:\/\//i.test(url.trim());
