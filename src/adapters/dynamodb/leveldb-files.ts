import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";

/**
 * A look at a LevelDB folder's files without opening it. Opening replays the newest log and
 * silently drops a torn tail (the latest save, gone without a word), and dynalite crashes on a
 * table file it cannot read; so every open of the CLI's store checks the files first: CURRENT
 * names a manifest that exists, every log (the manifest is one too) is whole record by record
 * with good checksums, every table file ends with LevelDB's table footer. Cheap: logs are small
 * and a table costs an 8-byte read. Returns what is wrong, or undefined when nothing is.
 * Formats: leveldb/doc/log_format.md and table_format.md.
 */
export function inspectLevelDbFiles(folder: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  const names = readdirSync(folder);
  const tables = names.filter((n) => /^\d+\.(ldb|sst)$/.test(n));
  const logs = names.filter((n) => /^\d+\.log$/.test(n));
  if (!names.includes("CURRENT")) {
    return tables.length + logs.length > 0 ? "the file CURRENT is missing" : undefined;
  }
  const current = readFileSync(join(folder, "CURRENT"), "utf8");
  const manifest = /^(MANIFEST-\d+)\n$/.exec(current)?.[1];
  if (!manifest) return "the file CURRENT is damaged";
  if (!names.includes(manifest)) return `${manifest}, named by CURRENT, is missing`;
  for (const name of [manifest, ...logs]) {
    const problem = inspectLog(readFileSync(join(folder, name)));
    if (problem) return `${name} ${problem}`;
  }
  for (const name of tables) {
    const problem = inspectTableFooter(join(folder, name));
    if (problem) return `${name} ${problem}`;
  }
  return undefined;
}

const BLOCK = 32_768;
const HEADER = 7;
enum RecordType {
  Zero = 0,
  Full = 1,
  First = 2,
  Middle = 3,
  Last = 4,
}

/** Walks a log file's records: header (masked CRC-32C, length, type), then the data. */
export function inspectLog(bytes: Buffer): string | undefined {
  let pos = 0;
  let open = false; // inside a record split over blocks
  while (pos < bytes.length) {
    const leftInBlock = BLOCK - (pos % BLOCK);
    if (leftInBlock < HEADER) {
      pos += leftInBlock; // the block's zero trailer
      continue;
    }
    if (bytes.length - pos < HEADER) return "is truncated (it ends inside a record header)";
    const crc = bytes.readUInt32LE(pos);
    const length = bytes.readUInt16LE(pos + 4);
    const type = bytes[pos + 6] as RecordType;
    if (type === RecordType.Zero && length === 0) {
      pos += leftInBlock; // preallocated space, skipped by LevelDB's reader too
      continue;
    }
    if (pos + HEADER + length > bytes.length) return "is truncated (its last record is cut short)";
    if (HEADER + length > leftInBlock) return `has a bad record length at byte ${pos}`;
    if (maskedCrc32c(bytes.subarray(pos + 6, pos + HEADER + length)) !== crc) {
      return `has a bad checksum at byte ${pos}`;
    }
    if (type === RecordType.Full || type === RecordType.First) {
      if (open) return `has a record cut short at byte ${pos}`;
      open = type === RecordType.First;
    } else if (type === RecordType.Middle || type === RecordType.Last) {
      if (!open) return `has a stray record fragment at byte ${pos}`;
      open = type === RecordType.Middle;
    } else {
      return `has an unknown record type at byte ${pos}`;
    }
    pos += HEADER + length;
  }
  return open ? "is truncated (its last record is cut short)" : undefined;
}

/** kTableMagicNumber 0xdb4775248b80fb57, little-endian, is the last 8 of a 48-byte footer. */
const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);

function inspectTableFooter(path: string): string | undefined {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size < 48) return "is truncated (shorter than a table footer)";
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    return tail.equals(TABLE_MAGIC) ? undefined : "is truncated or damaged (no table footer at its end)";
  } finally {
    closeSync(fd);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli) of the type byte and data, masked as LevelDB stores it. */
export function maskedCrc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  const crc = (c ^ 0xffffffff) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
