// Electron entry: wiring only (see shell.ts).
import { join } from 'node:path';
import { version } from '../../package.json';
import { startShell } from './shell';

startShell({ outDir: join(__dirname, '..'), resourcesDir: join(__dirname, '..', '..', 'resources') }, version);
