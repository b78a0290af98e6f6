import type { Writable } from 'node:stream';
import qrcodeTerminal from 'qrcode-terminal';
import { qrcodeValueToImageUrl, ScanStatus } from 'wechaty';

/**
 * Prints the login QR code for the operator to scan with the bot account's WeChat app. Only the
 * states that carry a fresh code are printed; "scanned" and "confirmed" just need a line.
 */
export function printScan(output: Writable, qrcode: string, status: ScanStatus): void {
  if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
    if (!qrcode) return;
    qrcodeTerminal.generate(qrcode, { small: true }, (art) => {
      output.write(`Scan this QR code with the WeChat app of the bot account to log in:\n${art}\n`);
    });
    // Terminals that cannot draw the blocks still get a link to the same code as an image.
    output.write(`Or open: ${qrcodeValueToImageUrl(qrcode)}\n`);
  } else if (status === ScanStatus.Scanned) {
    output.write('QR code scanned: confirm the login on the phone.\n');
  } else if (status === ScanStatus.Confirmed) {
    output.write('Login confirmed.\n');
  }
}
