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
  },
});
