import { loadConfigOrExit } from '../config';
import { openDatabase } from './client';

// npm run migrate: applies migrations to the embedded database or DATABASE_URL, then exits.
const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
console.log(`Migrations applied (${database.kind}).`);
await database.close();
