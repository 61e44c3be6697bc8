/**
 * Remembers keys (strings) and the row each was first seen in: an open-addressing hash table on
 * typed arrays. For a million ids it is several times faster than a `Map` and holds no entry objects.
 */
export class KeyIndex {
  private hashes: Int32Array;
  private slots: Int32Array; // index into keys/rows + 1; 0 = empty
  private readonly keys: string[] = [];
  private readonly rows: number[] = [];
  private mask: number;

  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
  }

  /** The row a key was first seen in, or undefined. */
  firstRow(key: string): number | undefined {
    const h = KeyIndex.hash(key);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i]!;
      if (slot === 0) return undefined;
      if (this.hashes[i] === h && this.keys[slot - 1] === key) return this.rows[slot - 1];
    }
  }

  /** The row a key was first seen in; otherwise remembers it with `row` and returns undefined. */
  firstRowOrAdd(key: string, row: number): number | undefined {
    const h = KeyIndex.hash(key);
    let i = h & this.mask;
    for (;;) {
      const slot = this.slots[i]!;
      if (slot === 0) break;
      if (this.hashes[i] === h && this.keys[slot - 1] === key) return this.rows[slot - 1];
      i = (i + 1) & this.mask;
    }
    this.keys.push(key);
    this.rows.push(row);
    this.slots[i] = this.keys.length;
    this.hashes[i] = h;
    if (this.keys.length * 2 > this.slots.length) this.grow();
    return undefined;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(oldSlots.length * 2);
    this.hashes = new Int32Array(oldSlots.length * 2);
    this.mask = this.slots.length - 1;
    for (let j = 0; j < oldSlots.length; j++) {
      const slot = oldSlots[j]!;
      if (slot === 0) continue;
      const h = oldHashes[j]!;
      let i = h & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = slot;
      this.hashes[i] = h;
    }
  }
}
