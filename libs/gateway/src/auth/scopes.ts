/** Scopes a channel token can carry (experience-api). */
export const CHANNEL_SCOPES = [
  'orders:read',
  'orders:write',
  'pos:write',
  'inventory:read',
  'returns:read',
  'returns:write',
  'customers:read',
  'customers:write',
  'ops:read',
  'ops:write',
  'shipments:write',
  'finance:read',
  'finance:write',
] as const;

/** Scopes the layers use between themselves (process-api, system-api). */
export const SERVICE_SCOPES = ['process:read', 'process:write', 'system:read', 'system:write'] as const;

export type ChannelScope = (typeof CHANNEL_SCOPES)[number];
export type ServiceScope = (typeof SERVICE_SCOPES)[number];
export type Scope = ChannelScope | ServiceScope;
