/**
 * A QR code as an SVG data URL for an <img>. The QR library is loaded on first use, so the kiosk's
 * first screen does not pay for it.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const QRCode = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
