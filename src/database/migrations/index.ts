import { Core1764115200000 } from './1764115200000-core.js';
import { Legal1764201600000 } from './1764201600000-legal.js';
import { Reminders1764288000000 } from './1764288000000-reminders.js';
import { Commitments1764460800000 } from './1764460800000-commitments.js';
import { Imports1764806400000 } from './1764806400000-imports.js';

/** Every migration, oldest first. They run at start and are valid on SQLite and PostgreSQL. */
export const migrations = [Core1764115200000, Legal1764201600000, Reminders1764288000000, Commitments1764460800000, Imports1764806400000];
