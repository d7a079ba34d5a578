import type { Role } from '../common/roles.js';

/** The signed-in user as the guards see it; the users feature's rows fit. */
export interface Principal {
  id: string;
  role: Role;
}

/**
 * Who holds a token. The users feature provides it (UsersModule), so auth,
 * which every feature's controllers import, imports no feature itself.
 */
export abstract class PrincipalDirectory {
  abstract findActiveByToken(token: string): Promise<Principal | null>;
  abstract ensureBootstrapAdmin(configuredToken: string | undefined, publicUrl: string): Promise<void>;
}
