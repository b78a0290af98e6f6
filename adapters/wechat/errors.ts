import { DeliveryError } from '../../src/core/adapter.js';

// gRPC status NOT_FOUND, as wechaty-puppet-service (and GError) reports it.
const GRPC_NOT_FOUND = 5;
// Puppets word "no such room/contact" differently; the mock says "no payload found for id", others "not exist".
const NOT_FOUND_TEXT = /not exist|not found|no payload|unknown (?:room|contact)/i;

/** The room or contact is not one the bot account can see: retrying will not help. */
export function isNotFound(error: unknown): boolean {
  if (error && typeof error === 'object' && 'code' in error) {
    // ENOENT: the image or file to send is not on disk, which no retry will change.
    if (error.code === GRPC_NOT_FOUND || error.code === 'ENOENT') return true;
  }
  return NOT_FOUND_TEXT.test(error instanceof Error ? error.message : String(error));
}

/**
 * A failed puppet call as the outbox understands it: an unknown room or contact is final; anything
 * else (dropped gRPC stream, puppet restarting, not logged in yet, timeouts) is worth retrying.
 */
export function toDeliveryError(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`wechat ${what}: ${reason}`, !isNotFound(error));
}
