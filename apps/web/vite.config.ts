import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In production the API serves this build from the same origin; in dev the
// API runs on :3000 and Vite forwards /api to it, so the app only ever calls
// relative /api URLs.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across
        // deploys, and no single chunk is over Vite's 500 kB warning.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/,
            },
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|@reduxjs|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3)[\\/]/,
            },
            {
              // Only the app behind the log-in routes: this chunk loads with it, not before.
              name: 'router',
              test: /node_modules[\\/]@tanstack[\\/](react-router|router-core|history|react-store|store)[\\/]/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
