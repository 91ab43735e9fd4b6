// Test support: src/server.ts with its modules loaded in advance. Importing the app takes
// seconds on a busy machine; a restart after a kill should measure the database's recovery,
// not module loading. The modules are loaded first, and the real server.ts runs (opening the
// database afresh) when a line arrives on standard input.
await Promise.all([
  import('../app'),
  import('../config'),
  import('../seed'),
  import('@targetline/db'),
]);
process.stdout.write('standby ready\n');
process.stdin.once('data', () => {
  process.stdin.pause();
  void import('../server');
});

export {};
