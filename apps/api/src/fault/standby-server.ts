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
let isStarted = false;
process.stdin.on('data', () => {
  if (isStarted) return;
  isStarted = true;
  void import('../server');
});
// The test that started this process is gone (its end of the pipe closed): do not outlive it.
process.stdin.on('end', () => process.exit(0));
process.stdout.write('standby ready\n');

export {};
