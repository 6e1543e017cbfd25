import { defineConfig } from 'vite';
import { precompress } from '../../../client/build/precompress.ts';

// The bare page is served like the app's own files: precompressed, so neither side of the
// comparison pays for compression the other does not.
export default defineConfig({ plugins: [precompress()] });
