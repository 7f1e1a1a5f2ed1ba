// Makes a staff PIN hash for site.json (`staff.pinHash`):
//   npx tsx scripts/hash-pin.ts 2468
//   echo 2468 | npx tsx scripts/hash-pin.ts        (keeps the PIN out of the shell history)
// Prints `pbkdf2-sha256$210000$<salt>$<hash>`; a new random salt each time, so two runs differ.
import { text } from 'node:stream/consumers';
import { hashPin, isValidPin } from '../src-renderer/core/staff/pin';

async function main(): Promise<void> {
  const fromArgs = process.argv[2];
  const pin = (fromArgs ?? (process.stdin.isTTY ? '' : await text(process.stdin))).trim();
  if (!isValidPin(pin)) {
    console.error('Usage: npx tsx scripts/hash-pin.ts <PIN>   (or pipe the PIN on stdin). A PIN is 4 to 12 digits.');
    process.exitCode = 2;
    return;
  }
  console.log(await hashPin(pin));
}

void main();
