import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MIN_ROLE_KEY, PUBLIC_KEY, type AuthenticatedRequest } from './auth.decorators.js';
import { bearerToken } from '../common/bearer-token.js';
import { refusal } from '../common/problem.js';
import { hasRole, type Role } from '../common/roles.js';
import { PrincipalDirectory } from './principal-directory.js';

/** Bearer token on every route not marked @Public(), then the route's least role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: PrincipalDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw refusal(HttpStatus.UNAUTHORIZED, 'auth.tokenRequired', 'Authorization: Bearer <token> is required');
    const user = await this.users.findActiveByToken(token);
    if (!user) throw refusal(HttpStatus.UNAUTHORIZED, 'auth.tokenUnknown', 'the token is unknown or its user is inactive');
    request.user = user;

    const minimum = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE_KEY, targets);
    if (minimum && !hasRole(user.role, minimum)) {
      throw refusal(HttpStatus.FORBIDDEN, 'auth.roleRequired', `this action needs the ${minimum} role or above`, { values: { role: minimum }, words: { role: 'role' } });
    }
    return true;
  }
}

