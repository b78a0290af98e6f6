// The package ships no types; only what lock.ts uses is declared.
declare module 'fs-native-extensions' {
  /**
   * Takes an exclusive (or, with `shared`, a shared) kernel lock on the open file `fd` without
   * waiting: true if taken, false if another open file holds a conflicting lock. Throws other errors.
   */
  export function tryLock(fd: number, opts?: { shared?: boolean }): boolean;
  const fsx: { tryLock: typeof tryLock };
  export default fsx;
}
