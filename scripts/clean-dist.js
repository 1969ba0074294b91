// Removes the compiled server so a rename never leaves a stale module behind.
import { rmSync } from 'node:fs';
for (const dir of ['dist']) rmSync(new URL(`../${dir}`, import.meta.url), { recursive: true, force: true });
