import { type Timestamp, timestampWallMs } from "@realm-recovery/core";

/**
 * The rule of the example strategy: the server's copy wins, unless it has not changed since this
 * device last synced (then there is no conflict), or the local write (or delete) is at least
 * `marginMs` milliseconds newer than it. A server copy without a stamp cannot be dated, so it wins.
 *
 * @example
 * localChangeWins(timestampFrom(10_000), timestampFrom(2_000), null, 5_000); // true: 8 s newer
 */
export function localChangeWins(
  localStamp: Timestamp | null,
  remoteStamp: Timestamp | null,
  lastSyncedAt: Timestamp | null,
  marginMs: number,
): boolean {
  const remoteUnchanged = remoteStamp !== null && lastSyncedAt !== null && remoteStamp <= lastSyncedAt;
  if (remoteUnchanged) return true;
  if (localStamp === null || remoteStamp === null) return false;
  return timestampWallMs(localStamp) - timestampWallMs(remoteStamp) >= marginMs;
}
