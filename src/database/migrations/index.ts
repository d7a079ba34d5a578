import { Core1764115200000 } from './1764115200000-core.js';
import { Reminders1764288000000 } from './1764288000000-reminders.js';

/** Every migration, oldest first. They run at start and are valid on SQLite and PostgreSQL. */
export const migrations = [Core1764115200000, Reminders1764288000000];
