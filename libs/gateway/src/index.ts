export * from './decorators';
export * from './auth/scopes';
export * from './auth/principal';
export * from './auth/dev-keys';
export * from './auth/jwt.verifier';
export * from './auth/jwt-auth.guard';
export * from './auth/service-token.signer';
export * from './gateway.module';
